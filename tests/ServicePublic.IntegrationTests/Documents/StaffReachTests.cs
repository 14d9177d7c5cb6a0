using System.Net;
using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.IntegrationTests.Documents;

/// <summary>
/// What a request produced (its issued document, its receipts) opened by staff: only with the second
/// factor, and only by those who reach the request in the back office — the ministry's clerks of
/// the procedure's office, or of no office (the whole ministry), and administrators. Anyone else
/// gets the 404 of a document that does not exist.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class StaffReachTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    /// <summary>A clerk of the Trade ministry (whose importer card is the foreign trade office's, DCE), signed in.</summary>
    private async Task<HttpClient> ClerkAsync(string? office, bool secondFactor)
    {
        var clerk = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MCIC", twoFactor: secondFactor);
        if (office is not null)
        {
            await Portal.WithDbAsync(async db =>
            {
                var officeId = await db.Offices.Where(o => o.Code == office && db.Ministries.Any(m => m.Id == o.MinistryId && m.Code == "MCIC")).Select(o => o.Id).SingleAsync();
                return await db.Users.Where(u => u.Id == clerk.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.OfficeId, officeId));
            });
        }
        var client = Portal.NewVisitor();
        if (secondFactor)
        {
            await client.SignInWithTotpAsync(Portal, clerk);
        }
        else
        {
            await client.SignInAsync(clerk.Email!);
        }
        return client;
    }

    [Fact]
    public async Task TheIssuedDocument_IsForTheRequestsOfficeWithTheSecondFactor_NotAnotherOffice_NorWithoutIt()
    {
        var (trackingNumber, _) = await Portal.IssueAsync(await Portal.CreateAsync());
        var sameOffice = await ClerkAsync("DCE", secondFactor: true);
        var wholeMinistry = await ClerkAsync(null, secondFactor: true);
        var otherOffice = await ClerkAsync("DCI", secondFactor: true);
        var passwordOnly = await ClerkAsync(null, secondFactor: false);

        async Task<HttpStatusCode[]> StatusAsync(HttpClient client) =>
        [
            (await client.GetAsync($"/demandes/{trackingNumber}/document")).StatusCode,
            (await client.GetAsync($"/demandes/{trackingNumber}/document.pdf")).StatusCode,
        ];

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await StatusAsync(sameOffice));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await StatusAsync(wholeMinistry));
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], await StatusAsync(otherOffice));
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], await StatusAsync(passwordOnly));
    }
}
