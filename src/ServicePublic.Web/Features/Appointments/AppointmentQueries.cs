using System.Globalization;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Appointments;

/// <summary>A request's in-person step as its page shows it: the appointment to come, those past, and whether one can be booked.</summary>
public sealed record AppointmentPanel(string TrackingNumber, bool AtCounter, InPersonStep Step, Appointment? Current, IReadOnlyList<Appointment> Past, string? NotYet, DateTimeOffset Now)
{
    public DateTimeOffset? Deadline => Current is null ? null : Step.ChangeDeadline(Current.StartsAt);

    /// <summary>The applicant may still move or cancel it online.</summary>
    public bool CanChange => Current?.Status == AppointmentStatus.Booked && Now <= Deadline;

    public bool CanBook => Current is null && NotYet is null;

    /// <summary>The office invites before the applicant may book, and has not yet.</summary>
    public bool AwaitsInvitation { get; init; }
}

/// <summary>One day offered on the booking page, with how many places are left that day.</summary>
public sealed record BookingDay(DateOnly Date, int Free);

/// <summary>The booking page, for the applicant or for a clerk at the counter: places, the days with room, the chosen day's times.</summary>
public sealed record BookingPage(
    Request Request, InPersonStep Step, IReadOnlyList<Place> Places, Place? Place,
    IReadOnlyList<BookingDay> Days, DateOnly? Day, IReadOnlyList<FreeSlot> Slots,
    Appointment? Current, bool AtCounter, string? NotYet)
{
    public string PostTo => AtCounter ? AppointmentPaths.CounterBooking(Request.TrackingNumber!) : AppointmentPaths.Booking(Request.TrackingNumber!);

    public string Back => AtCounter ? BackOfficePaths.Case(Request.TrackingNumber!) : AppointmentPaths.OnRequest(Request.TrackingNumber!);
}

/// <summary>One line of a clerk's day at a place.</summary>
public sealed record DayLine(Guid Id, DateTimeOffset StartsAt, string Code, AppointmentStatus Status, string TrackingNumber, string Applicant, string? Business, string Procedure, bool AtCounter);

public sealed record DayPage(Clerk Clerk, IReadOnlyList<Place> Places, Place? Place, DateOnly Day, IReadOnlyList<DayLine> Lines, DateTimeOffset Now);

/// <summary>An office's appointments over a period: how many were due, how many came, how many did not.</summary>
public sealed record NoShowRow(string Office, int Due, int Came, int Absent, int Unmarked)
{
    /// <summary>Absent among those marked (a line nobody marked is not counted either way).</summary>
    public double? Rate => Came + Absent == 0 ? null : (double)Absent / (Came + Absent);
}

public sealed class AppointmentQueries(AppDbContext db, AppointmentDesk desk, TimeProvider clock)
{
    /// <summary>How far back the supervision room counts no-shows.</summary>
    public const int NoShowDays = 90;

    public async Task<AppointmentPanel?> PanelAsync(Request request, bool atCounter, CancellationToken ct)
    {
        if (request.TrackingNumber is null || await desk.StepAsync(request.ProcedureVersion.ProcedureId, ct) is not { } step)
        {
            return null;
        }
        var all = await db.Appointments.AsNoTracking().Include(a => a.Slot).ThenInclude(s => s.Place)
            .Where(a => a.RequestId == request.Id).OrderByDescending(a => a.StartsAt).ToListAsync(ct);
        var current = all.FirstOrDefault(a => a.IsActive);
        return new AppointmentPanel(request.TrackingNumber, atCounter, step, current, [.. all.Where(a => !a.IsActive)], AppointmentDesk.NotYet(request, step, atCounter), clock.GetUtcNow())
        {
            AwaitsInvitation = step.Opening == AppointmentOpening.WhenInvited && request.AppointmentInvitedAt is null && request.MayHaveAppointment,
        };
    }

    public async Task<BookingPage?> BookingAsync(Request request, bool atCounter, int? placeId, DateOnly? day, CancellationToken ct)
    {
        if (await desk.StepAsync(request.ProcedureVersion.ProcedureId, ct) is not { } step)
        {
            return null;
        }
        var places = await desk.PlacesAsync(step, ct);
        var current = await desk.ActiveAsync(request.Id, ct);
        var place = places.FirstOrDefault(p => p.Id == placeId) ?? places.FirstOrDefault(p => p.Id == current?.Slot.PlaceId) ?? places.FirstOrDefault();
        var notYet = AppointmentDesk.NotYet(request, step, atCounter);
        if (place is null || notYet is not null)
        {
            return new BookingPage(request, step, places, place, [], null, [], current, atCounter, notYet);
        }
        var free = await desk.FreeSlotsAsync(step, place, atCounter, ct);
        var days = free.GroupBy(s => DateOnly.FromDateTime(s.StartsAt.UtcDateTime)).Select(g => new BookingDay(g.Key, g.Sum(s => s.Free))).ToList();
        var chosen = days.FirstOrDefault(d => d.Date == day)?.Date ?? days.FirstOrDefault()?.Date;
        var slots = free.Where(s => DateOnly.FromDateTime(s.StartsAt.UtcDateTime) == chosen).ToList();
        return new BookingPage(request, step, places, place, days, chosen, slots, current, atCounter, null);
    }

    /// <summary>The places of the clerk's ministry (and office, when it has one).</summary>
    public Task<List<Place>> PlacesOfAsync(Clerk clerk, CancellationToken ct) =>
        db.Places.AsNoTracking().Include(p => p.Office)
            .Where(p => p.Office.MinistryId == clerk.MinistryId && (clerk.OfficeId == null || p.OfficeId == clerk.OfficeId))
            .OrderBy(p => p.Id).ToListAsync(ct);

    public async Task<DayPage> DayAsync(Clerk clerk, int? placeId, DateOnly? day, CancellationToken ct)
    {
        var places = await PlacesOfAsync(clerk, ct);
        var place = places.FirstOrDefault(p => p.Id == placeId) ?? places.FirstOrDefault();
        var now = clock.GetUtcNow();
        var date = day ?? DateOnly.FromDateTime(now.UtcDateTime);
        if (place is null)
        {
            return new DayPage(clerk, places, null, date, [], now);
        }
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var lines = await db.Appointments.AsNoTracking()
            .Where(a => a.Slot.PlaceId == place.Id && a.StartsAt >= from && a.StartsAt < from.AddDays(1)
                && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.Moved)
            .OrderBy(a => a.StartsAt).ThenBy(a => a.Code)
            .Select(a => new DayLine(a.Id, a.StartsAt, a.Code, a.Status, a.Request.TrackingNumber!,
                db.Users.Where(u => u.Id == a.Request.ApplicantId).Select(u => u.FullName).Single(),
                db.Businesses.Where(b => b.Id == a.Request.BusinessId).Select(b => b.Name).SingleOrDefault(),
                a.Request.ProcedureVersion.Title, a.AtCounter))
            .ToListAsync(ct);
        return new DayPage(clerk, places, place, date, lines, now);
    }

    /// <summary>
    /// No-shows per office over the last <see cref="NoShowDays"/> days, among appointments whose
    /// time has come: in the ministry (or office) of <paramref name="ministryId"/>, or in the nation.
    /// </summary>
    public async Task<List<NoShowRow>> NoShowsAsync(int? ministryId, int? officeId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now.AddDays(-NoShowDays);
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => a.StartsAt >= since && a.StartsAt < now
                && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.Moved
                && (ministryId == null || a.Slot.Place.Office.MinistryId == ministryId)
                && (officeId == null || a.Slot.Place.OfficeId == officeId))
            .GroupBy(a => a.Slot.Place.Office.Name)
            .Select(g => new NoShowRow(g.Key, g.Count(),
                g.Count(a => a.Status == AppointmentStatus.Served || a.Status == AppointmentStatus.Present),
                g.Count(a => a.Status == AppointmentStatus.Absent),
                g.Count(a => a.Status == AppointmentStatus.Booked)))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Office)];
    }
}
