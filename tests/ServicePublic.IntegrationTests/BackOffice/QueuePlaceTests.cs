using System.Net;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.IntegrationTests.BackOffice;

/// <summary>
/// The part of the administration a queue shows: an administrator chooses a ministry
/// (?ministere=), a ministry's queue narrows to an office (?bureau=); a supervisor or clerk stays on
/// its own ministry whatever the address says. Also the queue filters the supervision room links to.
/// Each test searches its own requests by tracking number, so the counts are its own.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class QueuePlaceTests(PortalFixture portal)
{
    private const string Birth = "declaration-de-naissance"; // MATDCL, office MAIRIES
    private const string ImporterCard = "carte-importateur"; // MCIC, office DCE

    private PortalFactory Factory => portal.Factory;

    private async Task<(HttpClient Client, ApplicationUser User)> StaffAsync(string role, string? ministry = null)
    {
        var user = await Factory.CreateAsync(roles: [role], twoFactor: true, ministryCode: ministry);
        var client = Factory.NewVisitor();
        await client.SignInWithTotpAsync(Factory, user);
        return (client, user);
    }

    private async Task<Request> FiledAsync(string slug, Action<Request>? then = null) =>
        await Factory.FileAsync(await Factory.CreateAsync(), slug, afterSubmit: then);

    private static async Task<string> CountAsync(HttpClient client, string url) => (await client.GetPageAsync(url)).Texts(".result-count").Single();

    [Fact]
    public async Task AnAdministrator_OpensAMinistrysQueue_AndWorksItsCases()
    {
        var commerce = await FiledAsync(ImporterCard);
        var birth = await FiledAsync(Birth);
        var (admin, user) = await StaffAsync(Roles.Administrator);

        var queue = await admin.GetPageAsync($"/agent?ministere=MCIC&q={commerce.TrackingNumber}");

        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Equal(["1 demande(s)"], queue.Texts(".result-count"));
        Assert.Contains(commerce.TrackingNumber!, queue.MainText, StringComparison.Ordinal);
        Assert.Contains("Commerce", queue.Texts("#workplace dd").First(), StringComparison.Ordinal);
        Assert.Equal("0 demande(s)", await CountAsync(admin, $"/agent?ministere=MCIC&q={birth.TrackingNumber}"));
        Assert.Equal("1 demande(s)", await CountAsync(admin, $"/agent?ministere=MATDCL&q={birth.TrackingNumber}"));
        // Every link and form of the page stays in the chosen ministry.
        Assert.All(queue.Document.QuerySelectorAll("ul.status-counts a"), a => Assert.StartsWith("/agent?ministere=MCIC&statut=", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal("MCIC", queue.Document.QuerySelector("form.filters input[name=ministere]")?.GetAttribute("value"));
        Assert.Equal("/agent/lot?ministere=MCIC", queue.Document.QuerySelector("form#batch")?.GetAttribute("action"));
        var csv = await admin.GetStringAsync($"/agent/demandes.csv?ministere=MCIC&q={commerce.TrackingNumber}");
        Assert.Contains(commerce.TrackingNumber!, csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/agent?ministere=NULLEPART")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/agent?ministere=MCIC&bureau=MAIRIES")).StatusCode);

        // The queue's rows lead to the case, which an administrator may work.
        var casePage = await admin.GetPageAsync($"/agent/demandes/{commerce.TrackingNumber}");
        Assert.Equal(HttpStatusCode.OK, casePage.Status);
        await admin.SubmitFormAsync(casePage, "main form:has(button[value=prendre])", null, "operation", "prendre");
        Assert.Equal(user.Id, (await Factory.RequestAsync(commerce.Id)).AssignedClerkId);
    }

    [Fact]
    public async Task ASupervisorOrAClerk_StaysOnItsOwnMinistry_WhateverTheAddressSays()
    {
        var commerce = await FiledAsync(ImporterCard);
        var birth = await FiledAsync(Birth);
        var (supervisor, _) = await StaffAsync(Roles.Supervisor, "MATDCL");
        var (clerk, _) = await StaffAsync(Roles.Agent, "MATDCL");

        foreach (var client in new[] { supervisor, clerk })
        {
            var asked = await client.GetPageAsync($"/agent?ministere=MCIC&q={commerce.TrackingNumber}");
            Assert.Equal(["0 demande(s)"], asked.Texts(".result-count"));
            Assert.DoesNotContain("Commerce", asked.Texts("#workplace dd").First(), StringComparison.Ordinal);
            Assert.Equal("1 demande(s)", await CountAsync(client, $"/agent?ministere=MCIC&q={birth.TrackingNumber}"));
        }
    }

    [Fact]
    public async Task TheQueue_NarrowsToAnOffice_ToOpenRequests_AndToOneColleague()
    {
        var birth = await FiledAsync(Birth);
        var withdrawn = await FiledAsync(Birth, r => r.Withdraw(r.ApplicantId, null, DateTimeOffset.UtcNow));
        var (supervisor, _) = await StaffAsync(Roles.Supervisor, "MATDCL");
        var (clerk, clerkUser) = await StaffAsync(Roles.Agent, "MATDCL");
        var (_, colleague) = await StaffAsync(Roles.Agent, "MATDCL");
        var casePage = await clerk.GetPageAsync($"/agent/demandes/{birth.TrackingNumber}");
        await clerk.SubmitFormAsync(casePage, "main form:has(button[value=prendre])", null, "operation", "prendre");

        Assert.Equal("1 demande(s)", await CountAsync(supervisor, $"/agent?bureau=MAIRIES&q={birth.TrackingNumber}"));
        Assert.Equal("0 demande(s)", await CountAsync(supervisor, $"/agent?bureau=DEC&q={birth.TrackingNumber}"));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/agent?bureau=DGMG")).StatusCode);
        Assert.Equal("1 demande(s)", await CountAsync(supervisor, $"/agent?statut=ouvertes&q={birth.TrackingNumber}"));
        Assert.Equal("0 demande(s)", await CountAsync(supervisor, $"/agent?statut=ouvertes&q={withdrawn.TrackingNumber}"));
        Assert.Equal("1 demande(s)", await CountAsync(supervisor, $"/agent?q={withdrawn.TrackingNumber}"));
        Assert.Equal("1 demande(s)", await CountAsync(supervisor, $"/agent?affectation={clerkUser.Id}&q={birth.TrackingNumber}"));
        Assert.Equal("0 demande(s)", await CountAsync(supervisor, $"/agent?affectation={colleague.Id}&q={birth.TrackingNumber}"));
        var filtered = await supervisor.GetPageAsync($"/agent?affectation={clerkUser.Id}");
        Assert.Equal(clerkUser.Id, filtered.Document.QuerySelector("#affectation option[selected]")?.GetAttribute("value"));
        Assert.Equal(QueueOpen, filtered.Document.QuerySelector("#statut option:nth-child(2)")?.GetAttribute("value"));
    }

    private const string QueueOpen = "ouvertes";
}
