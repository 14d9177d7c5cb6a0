using System.Globalization;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Appointments;

/// <summary>
/// What clerks do with appointments: mark who came, invite an applicant to book, and (supervisors)
/// set the places and each procedure's visit to the counter. Each is audited; marking someone
/// served moves its request on (a request still waiting goes into review), and the applicant is told.
/// </summary>
public sealed class CounterDesk(AppDbContext db, AppointmentQueries queries, AppointmentNotices notices, RequestNotifier notifier, AuditLog audit, TimeProvider clock)
{
    /// <summary>The appointment <paramref name="id"/> at one of the clerk's places, with its request; null (a 404) otherwise.</summary>
    public async Task<Appointment?> FindAsync(Clerk clerk, Guid id, CancellationToken ct)
    {
        var places = (await queries.PlacesOfAsync(clerk, ct)).Select(p => p.Id).ToList();
        return await db.Appointments.Include(a => a.Slot).Include(a => a.Request).ThenInclude(r => r.ProcedureVersion).Include(a => a.Request).ThenInclude(r => r.Events)
            .SingleOrDefaultAsync(a => a.Id == id && places.Contains(a.Slot.PlaceId), ct);
    }

    public async Task MarkAsync(Clerk clerk, Appointment appointment, AppointmentStatus status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var request = appointment.Request;
        var before = request.Status;
        appointment.Mark(status, clerk.Id, now);
        if (status == AppointmentStatus.Served && request.IsOpen)
        {
            request.RecordVisit(clerk.Id, now);
        }
        if (request.Status != before)
        {
            await notifier.StatusChangedAsync(request, request.ProcedureVersion.Title, ct);
        }
        await audit.RecordAsync(AuditActions.AppointmentMarked, request.Id.ToString(),
            $"{request.TrackingNumber} : rendez-vous {appointment.Code} du {Format.DateTime(appointment.StartsAt)}, {AppointmentLabels.Status(status)}", clerk.Id, ct);
    }

    public Task AuditBookingAsync(Clerk clerk, Request request, Appointment booked, CancellationToken ct) =>
        audit.RecordAsync(AuditActions.AppointmentBookedAtCounter, request.Id.ToString(),
            $"{request.TrackingNumber} : rendez-vous {booked.Code} le {Format.DateTime(booked.StartsAt)}", clerk.Id, ct);

    public async Task InviteAsync(Clerk clerk, Request request, CancellationToken ct)
    {
        request.InviteToAppointment(clock.GetUtcNow());
        await notices.InvitedAsync(request, ct);
        await audit.RecordAsync(AuditActions.AppointmentInvited, request.Id.ToString(), $"{request.TrackingNumber} : invité à prendre rendez-vous", clerk.Id, ct);
    }

    /// <summary>The procedures of the clerk's ministry (and office), for their in-person step.</summary>
    public IQueryable<Procedure> ProceduresOf(Clerk clerk) =>
        db.Procedures.Where(p => p.MinistryId == clerk.MinistryId && (clerk.OfficeId == null || p.OfficeId == clerk.OfficeId));

    public async Task<Place> SavePlaceAsync(Clerk clerk, Place? place, int officeId, string name, string address, List<OpeningHours> hours, List<Closure> closures, CancellationToken ct)
    {
        if (!await db.Offices.AnyAsync(o => o.Id == officeId && o.MinistryId == clerk.MinistryId && (clerk.OfficeId == null || o.Id == clerk.OfficeId), ct))
        {
            throw new BusinessRuleException("Choisissez un service de votre ministère.", "office");
        }
        if (place is null)
        {
            place = new Place(officeId, name, address, hours, closures);
            db.Places.Add(place);
        }
        else
        {
            place.Change(name, address, hours, closures);
        }
        await audit.RecordAsync(AuditActions.PlaceChanged, null, $"{place.Name} : {place.Address}", clerk.Id, ct);
        return place;
    }

    public async Task SaveStepAsync(Clerk clerk, Procedure procedure, AppointmentOpening opening, int minutes, int perSlot, int changeHours, string bring, List<int> placeIds, CancellationToken ct)
    {
        var own = (await queries.PlacesOfAsync(clerk with { OfficeId = null }, ct)).Select(p => p.Id).ToHashSet();
        if (placeIds.Any(id => !own.Contains(id)))
        {
            throw new BusinessRuleException("Choisissez des lieux de votre ministère.", "placeIds");
        }
        var step = await db.InPersonSteps.SingleOrDefaultAsync(s => s.ProcedureId == procedure.Id, ct);
        if (step is null)
        {
            step = new InPersonStep(procedure.Id);
            db.InPersonSteps.Add(step);
        }
        step.Change(opening, minutes, perSlot, changeHours, bring, placeIds);
        await audit.RecordAsync(AuditActions.InPersonStepChanged, procedure.Id.ToString(CultureInfo.InvariantCulture),
            $"{procedure.Slug} : {minutes} min, {perSlot} par créneau, {step.PlaceIds.Count} lieu(x)", clerk.Id, ct,
            // Slots to come take the new number of people per slot (never fewer than already booked).
            first: token => db.Database.ExecuteSqlAsync(
                $"UPDATE appointment_slots SET capacity = GREATEST({perSlot}, booked) WHERE procedure_id = {procedure.Id} AND starts_at > {clock.GetUtcNow()}", token));
    }
}

/// <summary>The French words of an appointment's status (translated on pages by the localizer).</summary>
public static class AppointmentLabels
{
    public static string Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "Prévu",
        AppointmentStatus.Present => "Présent",
        AppointmentStatus.Served => "Reçu",
        AppointmentStatus.Absent => "Absent",
        AppointmentStatus.Cancelled => "Annulé",
        AppointmentStatus.Moved => "Déplacé",
        _ => status.ToString(),
    };

    public static string Opening(AppointmentOpening opening) => opening switch
    {
        AppointmentOpening.AfterPayment => "Dès le dépôt (et le paiement)",
        AppointmentOpening.WhenInvited => "Quand un agent invite l'usager",
        _ => opening.ToString(),
    };
}
