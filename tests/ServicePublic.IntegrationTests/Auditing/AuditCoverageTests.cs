using System.Net;
using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.IntegrationTests.Auditing;

/// <summary>
/// Changes the audit trail must hold: the name printed on documents, and files of personal data
/// taken out of the portal (the back office's list, a ministry's payments).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AuditCoverageTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    private Task<List<(string? Actor, string? Subject, string? Details)>> EntriesAsync(string action, string actorId) =>
        Portal.WithDbAsync(async db => (await db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.ActorId == actorId)
            .OrderBy(a => a.Sequence).Select(a => new { a.ActorId, a.SubjectId, a.Details }).ToListAsync())
            .Select(a => (a.ActorId, a.SubjectId, a.Details)).ToList());

    [Fact]
    public async Task ChangingTheNamePrintedOnDocuments_IsAudited_WithTheNameBeforeAndAfter()
    {
        var citizen = await Portal.CreateAsync();
        var client = Portal.NewVisitor();
        await client.SignInAsync(citizen.Email!);

        var page = await client.GetPageAsync("/compte");
        var saved = await client.SubmitFormAsync(page, "form#profile", new Dictionary<string, string> { ["FullName"] = "Afi Mensah-Kodjo" });
        var again = await client.SubmitFormAsync(await client.GetPageAsync("/compte"), "form#profile", new Dictionary<string, string> { ["FullName"] = "Afi Mensah-Kodjo" });

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (saved.StatusCode, again.StatusCode));
        Assert.Equal("Afi Mensah-Kodjo", await Portal.WithDbAsync(db => db.Users.Where(u => u.Id == citizen.Id).Select(u => u.FullName).SingleAsync()));
        // Once: saving the same name again changes nothing worth a line.
        Assert.Equal([(citizen.Id, citizen.Id, "Afi Mensah → Afi Mensah-Kodjo")], await EntriesAsync(AuditActions.NameChanged, citizen.Id));
    }

    [Fact]
    public async Task ExportingTheRequestsOrThePayments_IsAudited_WithWhatWasTaken()
    {
        var clerk = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MCIC", twoFactor: true);
        var supervisor = await Portal.CreateAsync(roles: [Roles.Supervisor], ministryCode: "MCIC", twoFactor: true);
        var clerkClient = Portal.NewVisitor();
        await clerkClient.SignInWithTotpAsync(Portal, clerk);
        var supervisorClient = Portal.NewVisitor();
        await supervisorClient.SignInWithTotpAsync(Portal, supervisor);

        var requests = await clerkClient.GetAsync("/agent/demandes.csv?statut=Submitted");
        var payments = await supervisorClient.GetAsync("/supervision/paiements.csv?du=2026-01-01&au=2026-01-31");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (requests.StatusCode, payments.StatusCode));
        Assert.Equal([(clerk.Id, null, "?statut=Submitted")], await EntriesAsync(AuditActions.RequestsExported, clerk.Id));
        Assert.Equal([(supervisor.Id, null, "MCIC 2026-01-01 2026-01-31")], await EntriesAsync(AuditActions.PaymentsExported, supervisor.Id));
    }
}
