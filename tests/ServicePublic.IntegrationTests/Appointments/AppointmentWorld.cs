using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Appointments;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Appointments;

namespace ServicePublic.IntegrationTests.Appointments;

/// <summary>
/// A portal of its own for appointments: a database of its own (slots fill up here), a clock the
/// tests move forward (reminders), reminders sent when a test runs the job.
/// </summary>
public sealed class AppointmentFixture : IAsyncLifetime
{
    public TestClock Clock { get; } = new();

    public PortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(await TestDatabase.CreateAsync("sp_rdv"), clock: Clock,
            settings: new Dictionary<string, string> { ["Appointments:RemindersEnabled"] = "false" });
        Factory.Start();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AppointmentCollection : ICollectionFixture<AppointmentFixture>
{
    public const string Name = "appointments";
}

/// <summary>What the appointment tests do again and again: applicants with a phone, requests filed, slots, messages.</summary>
public static class AppointmentWorld
{
    public const string Passport = "passeport-ordinaire";
    public const string Nationality = "certificat-de-nationalite";

    public static async Task<(ApplicationUser User, HttpClient Client, Request Request)> ApplicantAsync(this PortalFactory portal, string slug = Passport)
    {
        var user = await portal.CreateAsync(phone: TestAccounts.NewPhone());
        var request = await portal.FileAsync(user, slug);
        var client = portal.NewVisitor();
        await client.SignInAsync(user.Email!);
        return (user, client, request);
    }

    public static async Task<HttpClient> ClerkAsync(this PortalFactory portal, string ministry = "MSPC", string role = Roles.Agent)
    {
        var clerk = await portal.CreateAsync(roles: [role], twoFactor: true, ministryCode: ministry);
        var client = portal.NewVisitor();
        await client.SignInWithTotpAsync(portal, clerk);
        return client;
    }

    public static async Task<T> InScopeAsync<T>(this PortalFactory portal, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>The passport's free slots at the DGDN's Lomé centre, nearest first (written ahead as the booking page would).</summary>
    public static Task<List<FreeSlot>> FreeSlotsAsync(this PortalFactory portal, string slug = Passport, string place = AppointmentsSeeder.DgdnLome) =>
        portal.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var desk = services.GetRequiredService<AppointmentDesk>();
            var procedure = await db.Procedures.SingleAsync(p => p.Slug == slug);
            var step = (await desk.StepAsync(procedure.Id, CancellationToken.None))!;
            var at = await db.Places.AsNoTracking().SingleAsync(p => p.Name == place);
            return await desk.FreeSlotsAsync(step, at, atCounter: false, CancellationToken.None);
        });

    /// <summary>Books <paramref name="slotId"/> for the request through the desk, as the applicant.</summary>
    public static Task<Appointment> BookAsync(this PortalFactory portal, Request request, long slotId, bool wantsEarlier = false) =>
        portal.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var desk = services.GetRequiredService<AppointmentDesk>();
            var tracked = await db.Requests.Include(r => r.ProcedureVersion).SingleAsync(r => r.Id == request.Id);
            var step = (await desk.StepAsync(tracked.ProcedureVersion.ProcedureId, CancellationToken.None))!;
            return await desk.BookAsync(tracked, step, slotId, new Booker(tracked.ApplicantId, AtCounter: false), wantsEarlier, CancellationToken.None);
        });

    public static Task<AppointmentSlot> SlotAsync(this PortalFactory portal, long id) =>
        portal.WithDbAsync(db => db.AppointmentSlots.AsNoTracking().SingleAsync(s => s.Id == id));

    public static Task<List<Appointment>> AppointmentsOfAsync(this PortalFactory portal, Guid requestId) =>
        portal.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.RequestId == requestId).OrderBy(a => a.BookedAt).ToListAsync());

    /// <summary>The SMS sent to <paramref name="phone"/>, oldest first.</summary>
    public static Task<List<string>> SmsToAsync(this PortalFactory portal, string phone) =>
        portal.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == phone && m.Channel == MessageChannel.Sms).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());

    public static Task<List<string>> EmailSubjectsToAsync(this PortalFactory portal, string email) =>
        portal.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == email && m.Channel == MessageChannel.Email).OrderBy(m => m.Id).Select(m => m.Subject ?? "").ToListAsync());

    public static AppointmentReminders Reminders(this PortalFactory portal) =>
        portal.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AppointmentReminders>().Single();
}
