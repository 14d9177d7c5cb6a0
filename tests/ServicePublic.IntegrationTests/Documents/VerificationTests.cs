using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Features.Documents;

namespace ServicePublic.IntegrationTests.Documents;

/// <summary>/verifier as a customs officer or a bank uses it, and as an offline verifier would with the public key.</summary>
[Collection(PortalCollection.Name)]
public sealed class VerificationTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task Payload_VerifiesWithThePublishedPublicKey_AndFailsAfterAOneByteChange()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        var visitor = Portal.NewVisitor();

        var response = await visitor.GetAsync("/verifier/cle-publique");
        using var key = ECDsa.Create();
        key.ImportFromPem(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var parts = document.Payload.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        var json = Base64Url.DecodeFromChars(parts[1]);
        Assert.True(Verify(key, parts[1], signature));
        Assert.Contains($"\"n\":\"{document.Number}\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);

        json[json.Length / 2] ^= 0x01;
        Assert.False(Verify(key, Base64Url.EncodeToString(json), signature));
        var tamperedSignature = (byte[])signature.Clone();
        tamperedSignature[10] ^= 0x01;
        Assert.False(Verify(key, parts[1], tamperedSignature));
    }

    [Fact]
    public async Task Verify_SaysValid_WithTheHolderPartlyMasked_WhenCodeAndPayloadMatch()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());

        var page = await Portal.NewVisitor().GetPageAsync($"/verifier/{document.VerificationCode}?p={document.Payload}");
        var byTypedCode = await Portal.NewVisitor().GetPageAsync($"/verifier?code={IssuedDocument.FormatCode(document.VerificationCode).ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Document valide", page.Texts("#verdict").Single(), StringComparison.Ordinal);
        Assert.Equal(["Carte d'importateur"], page.Texts("#kind"));
        Assert.Equal([document.Number], page.Texts("#number"));
        Assert.Equal(["A** M*****"], page.Texts("#holder"));
        Assert.DoesNotContain("Mensah", page.MainText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, byTypedCode.Status);
        Assert.Equal($"/verifier/{document.VerificationCode}", byTypedCode.Response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Verify_SaysNotValid_WhenThePayloadIsTampered()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        var parts = document.Payload.Split('.');
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("Afi", "Ama", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.Replace("\"h\":\"A**", "\"h\":\"B**", StringComparison.Ordinal)))}.{parts[2]}";

        var page = await Portal.NewVisitor().GetPageAsync($"/verifier/{document.VerificationCode}?p={forged}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Document non valide", page.Texts("#verdict").Single(), StringComparison.Ordinal);
        Assert.Empty(page.Texts("#number"));
    }

    [Fact]
    public async Task Verify_SaysNotValid_ForAnUnknownCode()
    {
        var page = await Portal.NewVisitor().GetPageAsync("/verifier/ABCDEFGHJK");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Document non valide", page.Texts("#verdict").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SaysRevoked_WithTheDate_OnceRevoked()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        await ChangeAsync(document.Id, d => d.Revoke(document.IssuedById, "Carte obtenue sur fausse déclaration", DateTimeOffset.UtcNow));

        var page = await Portal.NewVisitor().GetPageAsync($"/verifier/{document.VerificationCode}?p={document.Payload}");

        Assert.StartsWith("Document révoqué : ce document a été révoqué le", page.Texts("#verdict").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("fausse déclaration", page.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SaysExpired_AfterTheLastDayOfValidity()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.IssuedDocuments.Where(d => d.Id == document.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ValidUntil, new DateOnly(2025, 1, 31)));
        }

        var page = await Portal.NewVisitor().GetPageAsync($"/verifier/{document.VerificationCode}");

        Assert.Equal(["Document expiré : ce document n'est plus valable depuis le 1 février 2025."], page.Texts("#verdict"));
    }

    [Theory]
    [InlineData("/verifier/%01%02%7F")]
    [InlineData("/verifier/'%20OR%201=1--")]
    [InlineData("/verifier/ABCDEFGHJK?p=SP1.!!!.???")]
    [InlineData("/verifier/ABCDEFGHJK?p=SP1.e30.AAAA")]
    [InlineData("/verifier/ABCDEFGHJK?p=SP1.%FF%FE.%00")]
    [InlineData("/verifier?code=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/verifier?code=")]
    public async Task Verify_NeverFails_OnGarbage(string url)
    {
        var response = await Portal.NewVisitor().GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("<script>alert", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NeverFails_OnHugeInput()
    {
        var visitor = Portal.NewVisitor();
        var huge = new string('A', 6000);

        var responses = new[]
        {
            await visitor.GetAsync($"/verifier/{huge}"),
            await visitor.GetAsync($"/verifier/ABCDEFGHJK?p=SP1.{huge}.{huge}"),
            await visitor.GetAsync($"/verifier?code={huge}"),
        };

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{(int)r.StatusCode}"));
    }

    private static bool Verify(ECDsa key, string body, byte[] signature) =>
        key.VerifyData(Encoding.ASCII.GetBytes(DocumentSigner.Prefix + "." + body), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    private async Task ChangeAsync(Guid id, Action<IssuedDocument> change)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        change(await db.IssuedDocuments.SingleAsync(d => d.Id == id));
        await db.SaveChangesAsync();
    }
}
