using System.Globalization;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Features.Appointments;

public sealed class AppointmentOptions
{
    public const string Section = "Appointments";

    /// <summary>Off in tests, which run the job when they choose (<see cref="PollingService.RunOnceAsync"/>).</summary>
    public bool RemindersEnabled { get; set; } = true;
    public int ReminderPollSeconds { get; set; } = 60;
}

/// <summary>
/// Sends the reminders two days and one day before each booked appointment (SMS and email), never
/// once it has started. Rows are claimed with FOR UPDATE SKIP LOCKED: any number of nodes run it
/// and each reminder goes once. When both were due (the job was stopped), only the day-before one goes.
/// </summary>
public sealed class AppointmentReminders(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AppointmentOptions> options, ILogger<AppointmentReminders> logger)
    : PollingService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.RemindersEnabled;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ReminderPollSeconds);

    protected override string JobName => "Appointment reminders";

    protected override Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var db = scope.GetRequiredService<AppDbContext>();
        var notices = scope.GetRequiredService<AppointmentNotices>();
        return ClaimAndHandleAsync(scope, db => db.Appointments.FromSql($"""
            SELECT *, xmin FROM appointments
            WHERE status = 'Booked' AND starts_at > {now}
              AND (first_reminder_at <= {now} OR last_reminder_at <= {now})
            ORDER BY starts_at
            LIMIT 50
            FOR UPDATE SKIP LOCKED
            """), async (appointment, ct) =>
            {
                if (appointment.ReminderDue(now) is not { } which)
                {
                    return;
                }
                var request = await db.Requests.AsNoTracking().Include(r => r.ProcedureVersion).SingleAsync(r => r.Id == appointment.RequestId, ct);
                var slot = await db.AppointmentSlots.AsNoTracking().Include(s => s.Place).SingleAsync(s => s.Id == appointment.SlotId, ct);
                // An office that stopped receiving still reminds those it had booked.
                var step = await db.InPersonSteps.AsNoTracking().SingleOrDefaultAsync(s => s.ProcedureId == slot.ProcedureId, ct) ?? new InPersonStep(slot.ProcedureId);
                await notices.ReminderAsync(request, appointment, slot.Place, step, ct);
                appointment.Reminded(which);
            }, ct);
    }
}
