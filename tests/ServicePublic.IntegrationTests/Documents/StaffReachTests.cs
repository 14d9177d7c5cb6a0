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

    [Fact]
    public async Task AReceipt_IsShownWhole_ToTheRequestsOfficeWithTheSecondFactor_NotAnotherOffice_NorWithoutIt()
    {
        var applicant = await Portal.CreateAsync();
        var request = await Portal.FileAwaitingPaymentAsync(applicant);
        var payer = Portal.NewVisitor();
        await payer.SignInAsync(applicant.Email!);
        var payPage = await payer.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var started = await payer.SubmitFormAsync(payPage, "form.stack", new Dictionary<string, string> { ["moyen"] = "tmoney", ["telephone"] = "90 12 34 56" });
        var checkout = await payer.GetPageAsync(started.Headers.Location!.OriginalString);
        await payer.SubmitFormAsync(checkout, "main form", new Dictionary<string, string>(), "decision", "approuver");
        var paid = await TestPayments.EventuallyAsync(async () => (await Portal.PaymentsOfAsync(request.Id)).Single(), p => p.ReceiptNumber is not null);
        var receipt = $"/recus/{paid.ReceiptNumber}";

        var sameOffice = await (await ClerkAsync("DCE", secondFactor: true)).GetPageAsync(receipt);
        var otherOffice = await (await ClerkAsync("DCI", secondFactor: true)).GetAsync(receipt);
        var passwordOnly = await (await ClerkAsync(null, secondFactor: false)).GetAsync(receipt);

        Assert.Equal(HttpStatusCode.OK, sameOffice.Status);
        Assert.Contains("Afi Mensah", sameOffice.MainText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherOffice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, passwordOnly.StatusCode);
    }
}
