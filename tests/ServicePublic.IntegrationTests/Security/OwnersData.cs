using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.IntegrationTests.Supervision;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Appointments;
using ServicePublic.Web.Features.Appointments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Domain.Supervision;
using ServicePublic.Web.Features.Businesses;
using ServicePublic.Web.Infrastructure.Files;

namespace ServicePublic.IntegrationTests.Security;

/// <summary>
/// Someone else's data, built once and all under the Trade ministry's foreign trade office (DCE):
/// a citizen's request paid in the sandbox, with a document and a message with a file; a draft; a
/// business the citizen owns, with a request, a draft and an open invitation; an issued document;
/// an indicator of the ministry. <see cref="Cases"/> names them by route parameter.
/// </summary>
internal sealed class OwnersData
{
    public const string Slug = "carte-importateur";

    private OwnersData(ApplicationUser owner, ApplicationUser invitee, IReadOnlyList<OwnersCase> cases, IReadOnlyList<string> secrets)
    {
        Owner = owner;
        Invitee = invitee;
        Cases = cases;
        Secrets = secrets;
    }

    public ApplicationUser Owner { get; }

    /// <summary>The person the business invited (who may open the invitation).</summary>
    public ApplicationUser Invitee { get; }

    /// <summary>Each case fills every parameter a route may name (key: name, or name:constraint) with one of the owner's values.</summary>
    public IReadOnlyList<OwnersCase> Cases { get; }

    /// <summary>Texts only the owner's pages show (names, file names, a message): never in a stranger's answer.</summary>
    public IReadOnlyList<string> Secrets { get; }

    public static async Task<OwnersData> BuildAsync(PortalFactory portal)
    {
        var mark = Guid.NewGuid().ToString("N")[..8];
        var ownerName = $"Kossiwa Proprio{mark}";
        var owner = await portal.CreateAsync(TestAccounts.NewEmail("proprietaire"));
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.FullName, ownerName)));
        var invitee = await portal.CreateAsync(TestAccounts.NewEmail("invitee"));
        var fileName = $"statuts-{mark}.pdf";
        var messageText = $"Message confidentiel {mark}";
        var businessName = $"Société Secrète {mark}";

        var paid = await portal.FileAsync(owner, Slug, feeDue: true, beforeSubmit: (r, s) => AttachAsync(r, s, owner, fileName));
        var receiptNumber = await PayInTheSandboxAsync(portal, owner, paid);
        var (placeId, appointmentId) = await AppointmentAsync(portal, paid, mark);
        var messageId = await WriteWithFileAsync(portal, owner, paid.Id, messageText, fileName);
        var draft = await portal.FileAsync(owner, Slug, submit: false);

        var businessId = await BusinessAsync(portal, owner, businessName);
        var invitationId = await InviteAsync(portal, businessId, owner, invitee);
        var ofBusiness = await portal.FileAsync(owner, Slug, businessId: businessId, beforeSubmit: (r, s) => AttachAsync(r, s, owner, fileName));
        var businessDraft = await portal.FileAsync(owner, Slug, submit: false, businessId: businessId);

        var (issuedTrackingNumber, document) = await portal.IssueAsync(owner, Slug, "MCIC");
        var indicator = (await new TargetsFixtures(portal).ProgrammeAsync("MCIC", $"R{mark[..4]}", new IndicatorSpec(IndicatorKind.ApprovalRate, Slug, 80, 90))).Single();

        var common = new Dictionary<string, string>
        {
            ["receiptNumber"] = receiptNumber,
            ["messageId:guid"] = messageId.ToString(),
            ["invitationId:int"] = invitationId.ToString(CultureInfo.InvariantCulture),
            ["userId"] = owner.Id,
            ["id"] = owner.Id,
            ["number"] = document.Number,
            ["slug"] = Slug,
            ["key"] = "activite-principale", // a question of the procedure's form, in the builder
        };
        OwnersCase Case(string name, Request request, Guid draftId, int id, params (string Key, string Value)[] more)
        {
            var values = new Dictionary<string, string>(common)
            {
                ["trackingNumber"] = request.TrackingNumber!,
                ["attachmentId:guid"] = (request.Attachments.FirstOrDefault()?.Id ?? paid.Attachments.Single().Id).ToString(),
                ["id:guid"] = draftId.ToString(),
                ["id:int"] = id.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (key, value) in more)
            {
                values[key] = value;
            }
            return new OwnersCase(name, values);
        }
        var cases = new[]
        {
            Case("the citizen's paid request", paid, draft.Id, businessId),
            Case("the business's request", ofBusiness, businessDraft.Id, businessId),
            Case("the request with an issued document", await portal.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.TrackingNumber == issuedTrackingNumber)),
                draft.Id, indicator.Id),
            Case("the paid request's appointment, at a place of the ministry", paid, appointmentId, placeId),
        };
        return new OwnersData(owner, invitee, cases, [ownerName, owner.Email!, fileName, messageText, businessName]);
    }

    /// <summary>A counter of the DCE receiving for the importer card, and an appointment there for the paid request: its id and the place's.</summary>
    private static async Task<(int PlaceId, Guid AppointmentId)> AppointmentAsync(PortalFactory portal, Request paid, string mark)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var office = await db.Offices.SingleAsync(o => o.Code == "DCE" && db.Ministries.Any(m => m.Id == o.MinistryId && m.Code == "MCIC"));
        var place = new Place(office.Id, $"Guichet du commerce extérieur {mark}", "Lomé",
            Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(0, 0), new TimeOnly(23, 45))), []);
        db.Places.Add(place);
        await db.SaveChangesAsync();
        var procedure = await db.Procedures.SingleAsync(p => p.Slug == Slug);
        var step = new InPersonStep(procedure.Id);
        step.Change(AppointmentOpening.AfterPayment, 15, 2, 24, "", [place.Id]);
        db.InPersonSteps.Add(step);
        await db.SaveChangesAsync();
        var desk = scope.ServiceProvider.GetRequiredService<AppointmentDesk>();
        var slot = (await desk.FreeSlotsAsync(step, place, atCounter: false, CancellationToken.None))[^1];
        var request = await db.Requests.Include(r => r.ProcedureVersion).SingleAsync(r => r.Id == paid.Id);
        var appointment = await desk.BookAsync(request, step, slot.Id, new Booker(request.ApplicantId, AtCounter: false), wantsEarlier: false, CancellationToken.None);
        return (place.Id, appointment.Id);
    }

    private static async Task AttachAsync(Request request, IServiceProvider services, ApplicationUser owner, string fileName)
    {
        var key = await services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 statuts")), CancellationToken.None);
        request.Attach("statuts", fileName, "application/pdf", 16, new string('a', 64), key, owner.Id, DateTimeOffset.UtcNow);
    }

    /// <summary>Pays through the payment page and the sandbox's checkout, as the owner would; waits for the receipt and the provider's callback.</summary>
    private static async Task<string> PayInTheSandboxAsync(PortalFactory portal, ApplicationUser owner, Request request)
    {
        var payer = portal.NewVisitor();
        await payer.SignInAsync(owner.Email!);
        var payPage = await payer.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var started = await payer.SubmitFormAsync(payPage, "form.stack", new Dictionary<string, string> { ["moyen"] = "tmoney", ["telephone"] = "90 12 34 56" });
        var checkout = await payer.GetPageAsync(started.Headers.Location!.OriginalString);
        var approved = await payer.SubmitFormAsync(checkout, "main form", new Dictionary<string, string>(), "decision", "approuver");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var paid = await TestPayments.EventuallyAsync(async () => (await portal.PaymentsOfAsync(request.Id)).Single(), p => p.ReceiptNumber is not null);
        // Nothing may move under the snapshots afterwards: the callback has arrived and been recorded.
        await TestPayments.EventuallyAsync(
            () => portal.WithDbAsync(db => db.SandboxNotifications.CountAsync(n => n.TransactionId == paid.ProviderReference && n.DeliveredAt != null)),
            delivered => delivered == 1);
        return paid.ReceiptNumber!;
    }

    private static async Task<Guid> WriteWithFileAsync(PortalFactory portal, ApplicationUser owner, Guid requestId, string body, string fileName)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var request = await db.Requests.Include(r => r.Messages).SingleAsync(r => r.Id == requestId);
        var key = await scope.ServiceProvider.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 message")), CancellationToken.None);
        var message = request.WriteToOffice(owner.Id, body, DateTimeOffset.UtcNow);
        message.AttachFile(fileName, "application/pdf", 16, new string('b', 64), key);
        await db.SaveChangesAsync();
        return message.Id;
    }

    /// <summary>A business registered by <paramref name="owner"/>, who is its owner member.</summary>
    public static async Task<int> BusinessAsync(PortalFactory portal, ApplicationUser owner, string name)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var nif = Random.Shared.NextInt64(9_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        var business = new Business(name, "SARL", nif, $"TG-LFW-01-2024-B12-{nif[^5..]}", "Boulevard du 13 janvier, Lomé", owner.Id, DateTimeOffset.UtcNow);
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        return business.Id;
    }

    private static async Task<int> InviteAsync(PortalFactory portal, int businessId, ApplicationUser owner, ApplicationUser invitee)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var business = await db.Businesses.Include(b => b.Members).Include(b => b.Invitations).SingleAsync(b => b.Id == businessId);
        var invitation = business.Invite(invitee.Email!, owner.Id, InvitationTokens.Hash(InvitationTokens.New()), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return invitation.Id;
    }
}

/// <summary>One of the owner's things, as values of route parameters.</summary>
internal sealed record OwnersCase(string Name, IReadOnlyDictionary<string, string> Values);
