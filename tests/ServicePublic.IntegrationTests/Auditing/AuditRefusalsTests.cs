using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.IntegrationTests.Auditing;

/// <summary>
/// What was refused is audited too: invitations sent, callbacks refused or forged (a flood from one
/// address writes one entry), and staff refused a request, document, receipt or staff page. The
/// person or provider sees the same answer as before.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AuditRefusalsTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    private Task<List<(string? Actor, string? Subject, string? Details)>> EntriesAsync(string action, Func<string?, bool> about) =>
        Portal.WithDbAsync(async db => (await db.AuditEntries.AsNoTracking().Where(a => a.Action == action)
            .OrderBy(a => a.Sequence).Select(a => new { a.ActorId, a.SubjectId, a.Details, a.IpAddress }).ToListAsync())
            .Where(a => about(a.SubjectId) || about(a.IpAddress)).Select(a => (a.ActorId, a.SubjectId, a.Details)).ToList());

    /// <summary>An address of its own per test, so the throttle of one test never hides another's entry.</summary>
    private static string NewAddress() => $"198.51.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";

    private static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(PortalFactory.ClientIpHeader, address);
        return client;
    }

    [Fact]
    public async Task InvitingSomeoneToRepresentABusiness_IsAudited_WithTheBusinessAndTheAddress()
    {
        var owner = await Portal.CreateAsync();
        var client = Portal.NewVisitor();
        await client.SignInAsync(owner.Email!);
        var created = await client.SubmitFormAsync(await client.GetPageAsync("/compte/entreprises/nouvelle"), "form#new-business", new Dictionary<string, string>
        {
            ["Name"] = "Transports du Mono", ["LegalForm"] = "SARL", ["Nif"] = "3000123456", ["Rccm"] = "TG-LFW-01-2024-B12-00123", ["Address"] = "Rue du Commerce, Lomé",
        });
        var business = created.Headers.Location!.OriginalString;
        var id = business[(business.LastIndexOf('/') + 1)..];
        var invitee = TestAccounts.NewEmail("invite");

        var invited = await client.SubmitFormAsync(await client.GetPageAsync(business), "form#invite", new Dictionary<string, string> { ["Email"] = invitee });

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Equal([(owner.Id, id, $"invitation → {invitee}")], await EntriesAsync(AuditActions.BusinessInvitationSent, s => s == id));
    }

    [Fact]
    public async Task RefusedCallbacks_AreAudited_WithTheirReason_AndTheSameAnswers()
    {
        await using var node = Portal.AnotherNode(new Dictionary<string, string>());
        var address = NewAddress();
        var unknown = Guid.NewGuid();
        var provider = From(node.CreatePortalClient(), address);

        var unknownPayment = await provider.PostCallbackAsync(TestPayments.CallbackBody(unknown, "paid", 25_000));
        var oversized = await From(node.CreatePortalClient(), address).PostCallbackAsync(new string(' ', 70 * 1024));
        var unknownProvider = await From(node.CreatePortalClient(), address).PostAsync("/api/paiements/invente/notification", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.NotFound],
            new[] { unknownPayment.StatusCode, oversized.StatusCode, unknownProvider.StatusCode });
        var entries = await EntriesAsync(AuditActions.CallbackRefused, a => a == address);
        Assert.Equal(
            [(null, unknown.ToString(), "sandbox unknown-payment"), (null, null, "sandbox body-too-large"), (null, null, "invente unknown-provider")],
            entries);
    }

    [Fact]
    public async Task AForgedCallbackForAPendingPayment_IsAudited_WithTheRefusal()
    {
        await using var node = Portal.AnotherNode(new Dictionary<string, string>());
        var applicant = await Portal.CreateAsync();
        var request = await Portal.FileAwaitingPaymentAsync(applicant);
        var payer = node.NewVisitor();
        await payer.SignInAsync(applicant.Email!);
        await payer.SubmitFormAsync(await payer.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement"), "form.stack",
            new Dictionary<string, string> { ["moyen"] = "tmoney", ["telephone"] = "90 12 34 56" });
        var payment = (await Portal.PaymentsOfAsync(request.Id)).Single();

        var forged = await From(node.CreatePortalClient(), NewAddress()).PostCallbackAsync(TestPayments.CallbackBody(payment.Id, "paid", payment.Amount), secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var entry = Assert.Single(await EntriesAsync(AuditActions.CallbackRefused, s => s == payment.Id.ToString()));
        Assert.StartsWith("sandbox refused : ", entry.Details, StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.Pending, (await Portal.PaymentsOfAsync(request.Id)).Single().Status);
    }

    [Fact]
    public async Task AFloodOf200ForgedCallbacksFromOneAddress_WritesOneEntry_AndTheNextOneCountsTheOthers()
    {
        var clock = new ManualClock();
        await using var node = new PortalFactory(Portal.ConnectionString, settings: new Dictionary<string, string> { ["Database:SeedCatalogue"] = "false" }, clock: clock);
        node.Start();
        var address = NewAddress();
        var flooder = From(node.CreatePortalClient(), address);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            answers.Add((await flooder.PostCallbackAsync(TestPayments.CallbackBody(Guid.NewGuid(), "paid", 25_000))).StatusCode);
        }
        var duringFlood = await EntriesAsync(AuditActions.CallbackRefused, a => a == address);
        clock.Advance(AuditThrottle.Window);
        await flooder.PostCallbackAsync(TestPayments.CallbackBody(Guid.NewGuid(), "paid", 25_000));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Single(duringFlood);
        var next = (await EntriesAsync(AuditActions.CallbackRefused, a => a == address)).Last();
        Assert.EndsWith("(+199 refus semblables de cette adresse non écrits depuis l'entrée précédente)", next.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffRefusedARequestOrDocumentOutsideTheirOffice_OrAStaffPageWithoutSecondFactor_IsAudited_AndStillSee404()
    {
        var (trackingNumber, _) = await Portal.IssueAsync(await Portal.CreateAsync());
        var otherOffice = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MCIC", twoFactor: true);
        await Portal.WithDbAsync(db => db.Users.Where(u => u.Id == otherOffice.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.OfficeId,
            db.Offices.Where(o => o.Code == "DCI" && db.Ministries.Any(m => m.Id == o.MinistryId && m.Code == "MCIC")).Select(o => (int?)o.Id).Single())));
        var passwordOnly = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MCIC");
        var clerk = Portal.NewVisitor();
        await clerk.SignInWithTotpAsync(Portal, otherOffice);
        var withoutSecondFactor = Portal.NewVisitor();
        await withoutSecondFactor.SignInAsync(passwordOnly.Email!);

        var answers = new[]
        {
            (await clerk.GetAsync($"/agent/demandes/{trackingNumber}")).StatusCode,
            (await clerk.GetAsync($"/demandes/{trackingNumber}/document")).StatusCode,
            (await withoutSecondFactor.GetAsync($"/demandes/{trackingNumber}/document.pdf")).StatusCode,
        };
        var staffPage = await withoutSecondFactor.GetAsync("/agent");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], answers);
        Assert.Contains("/compte/acces-refuse", staffPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(
            [(otherOffice.Id, trackingNumber, "dossier : hors de son ministère ou de son bureau"), (otherOffice.Id, trackingNumber, "document délivré : hors de son ministère ou de son bureau"), (passwordOnly.Id, trackingNumber, "document délivré : sans second facteur")],
            await EntriesAsync(AuditActions.StaffAccessRefused, s => s == trackingNumber));
        Assert.Contains((passwordOnly.Id, "/agent", "page : sans second facteur"),
            (await EntriesAsync(AuditActions.StaffAccessRefused, s => s == "/agent")).Where(e => e.Actor == passwordOnly.Id));
    }

    /// <summary>A clock a test moves by hand (the throttle's minute).</summary>
    private sealed class ManualClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
    }
}
