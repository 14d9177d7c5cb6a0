using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Features.Documents;
using UglyToad.PdfPig;

namespace ServicePublic.IntegrationTests.Documents;

/// <summary>The issued document as its applicant gets it: linked from the request, printable, as a PDF; nobody else's.</summary>
[Collection(PortalCollection.Name)]
public sealed class IssuedDocumentPagesTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task Applicant_SeesTheDocument_FromTheRequestPage_WithItsCodeAndQrCode()
    {
        var applicant = await Portal.CreateAsync();
        var (trackingNumber, document) = await Portal.IssueAsync(applicant);
        var client = Portal.NewVisitor();
        await client.SignInAsync(applicant.Email!);

        var request = await client.GetPageAsync($"/demandes/{trackingNumber}");
        var page = await client.GetPageAsync($"/demandes/{trackingNumber}/document");

        Assert.NotNull(request.Document.QuerySelector($"#issued-document a[href='/demandes/{trackingNumber}/document']"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal([IssuedDocument.FormatCode(document.VerificationCode)], page.Texts("#verification-code"));
        Assert.Contains(document.Number, page.MainText, StringComparison.Ordinal);
        Assert.Contains("Afi Mensah", page.MainText, StringComparison.Ordinal);
        Assert.StartsWith("data:image/svg+xml;base64,", page.Document.QuerySelector("#document img.qr")?.GetAttribute("src"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_IsAnAttachment_ThatCarriesTheNumberAndTheCode()
    {
        var applicant = await Portal.CreateAsync();
        var (trackingNumber, document) = await Portal.IssueAsync(applicant);
        var client = Portal.NewVisitor();
        await client.SignInAsync(applicant.Email!);

        var response = await client.GetAsync($"/demandes/{trackingNumber}/document.pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(document.Number, text, StringComparison.Ordinal);
        Assert.Contains(IssuedDocument.FormatCode(document.VerificationCode), text, StringComparison.Ordinal);
        Assert.Contains("importateur", text, StringComparison.Ordinal);
        Assert.Contains("République", text, StringComparison.Ordinal);
        Assert.NotEmpty(pdf.GetPage(1).GetImages());
    }

    [Fact]
    public async Task AnotherUsersDocument_AnswersNotFound_AsPageAndAsPdf()
    {
        var (trackingNumber, _) = await Portal.IssueAsync(await Portal.CreateAsync());
        var stranger = await Portal.CreateAsync();
        var otherClerk = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MDERM", twoFactor: true);
        var client = Portal.NewVisitor();
        await client.SignInAsync(stranger.Email!);
        var clerkClient = Portal.NewVisitor();
        await clerkClient.SignInWithTotpAsync(Portal, otherClerk);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/demandes/{trackingNumber}/document")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/demandes/{trackingNumber}/document.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerkClient.GetAsync($"/demandes/{trackingNumber}/document.pdf")).StatusCode);
    }

    [Fact]
    public async Task StaffOfTheMinistry_MayOpenTheDocument()
    {
        var (trackingNumber, _) = await Portal.IssueAsync(await Portal.CreateAsync());
        var clerk = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MCIC", twoFactor: true);
        var client = Portal.NewVisitor();
        await client.SignInWithTotpAsync(Portal, clerk);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/demandes/{trackingNumber}/document")).StatusCode);
    }

    [Fact]
    public async Task IssueAsync_IsIdempotent_ARequestHasOneDocument()
    {
        var (trackingNumber, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var request = await db.Requests.SingleAsync(r => r.TrackingNumber == trackingNumber);

        var again = await scope.ServiceProvider.GetRequiredService<IssuedDocuments>().IssueAsync(request, document.IssuedById, CancellationToken.None);
        await db.SaveChangesAsync();

        Assert.Equal(document.Id, again.Id);
        Assert.Equal(1, await db.IssuedDocuments.CountAsync(d => d.RequestId == request.Id));
        Assert.Matches(@"^MCIC-\d{4}-\d{6}$", document.Number);
        Assert.Equal(DateOnly.FromDateTime(document.IssuedAt.UtcDateTime).AddYears(1).AddDays(-1), document.ValidUntil);
    }
}
