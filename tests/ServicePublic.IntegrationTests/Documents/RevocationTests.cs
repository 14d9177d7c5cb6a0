using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Documents;

namespace ServicePublic.IntegrationTests.Documents;

/// <summary>A supervisor revokes a document of its ministry, with a reason; nobody else can.</summary>
[Collection(PortalCollection.Name)]
public sealed class RevocationTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task Supervisor_RevokesWithAReason_AndVerificationSaysRevoked()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        var supervisor = await SupervisorAsync("MCIC");

        var page = await supervisor.GetPageAsync($"/supervision/documents/{document.Number}");
        var response = await supervisor.SubmitFormAsync(page, "form#revoke", new Dictionary<string, string> { ["reason"] = "Pièces falsifiées" });
        var verification = await Portal.NewVisitor().GetPageAsync($"/verifier/{document.VerificationCode}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await FindAsync(document.Id);
        Assert.Equal(IssuedDocumentStatus.Revoked, stored.Status);
        Assert.Equal("Pièces falsifiées", stored.RevocationReason);
        Assert.StartsWith("Document révoqué", verification.Texts("#verdict").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_WithoutAReason_ShowsAFrenchMessage_AndChangesNothing()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        var supervisor = await SupervisorAsync("MCIC");

        var page = await supervisor.GetPageAsync($"/supervision/documents/{document.Number}");
        var response = await supervisor.SubmitFormAsync(page, "form#revoke", new Dictionary<string, string> { ["reason"] = "   " });
        var again = new Html.Page(response, await Html.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Indiquez le motif de la révocation."], again.Texts(".field-error"));
        Assert.Equal(IssuedDocumentStatus.Valid, (await FindAsync(document.Id)).Status);
    }

    [Fact]
    public async Task SupervisorOfAnotherMinistry_CannotSeeNorRevoke()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        var supervisor = await SupervisorAsync("MDERM");
        // Any page of the signed-in supervisor carries a valid antiforgery token (the layout's sign-out form).
        var anyPage = await supervisor.GetPageAsync("/");
        var token = anyPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var show = await supervisor.GetAsync($"/supervision/documents/{document.Number}");
        var revoke = await supervisor.PostAsync($"/supervision/documents/{document.Number}/revoquer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["reason"] = "Tentative hors de mon ministère",
        }));

        Assert.Equal(HttpStatusCode.NotFound, show.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(IssuedDocumentStatus.Valid, (await FindAsync(document.Id)).Status);
    }

    [Fact]
    public async Task Clerk_CannotRevoke()
    {
        var (_, document) = await Portal.IssueAsync(await Portal.CreateAsync());
        var clerk = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MCIC", twoFactor: true);
        var client = Portal.NewVisitor();
        await client.SignInWithTotpAsync(Portal, clerk);

        var show = await client.GetAsync($"/supervision/documents/{document.Number}");

        Assert.True(show.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{(int)show.StatusCode}");
        Assert.Equal(IssuedDocumentStatus.Valid, (await FindAsync(document.Id)).Status);
    }

    private async Task<HttpClient> SupervisorAsync(string ministryCode)
    {
        var supervisor = await Portal.CreateAsync(roles: [Roles.Supervisor], ministryCode: ministryCode, twoFactor: true);
        var client = Portal.NewVisitor();
        await client.SignInWithTotpAsync(Portal, supervisor);
        return client;
    }

    private async Task<IssuedDocument> FindAsync(Guid id)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == id);
    }
}
