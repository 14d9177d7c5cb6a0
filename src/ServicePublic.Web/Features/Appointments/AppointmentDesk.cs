using System.Globalization;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;
using Npgsql;

namespace ServicePublic.Web.Features.Appointments;

/// <summary>A free slot as offered: its id, when it starts, how many places are left.</summary>
public sealed record FreeSlot(long Id, DateTimeOffset StartsAt, int Free);

/// <summary>Who books: the applicant online, or a clerk at the counter (who may book at the last minute and past the deadline).</summary>
public sealed record Booker(string Id, bool AtCounter);

/// <summary>
/// Books, moves and cancels appointments. The last place of a slot goes to one booking however
/// many try at once: a booking takes a place with <c>UPDATE … SET booked = booked + 1 WHERE
/// booked &lt; capacity</c> (PostgreSQL re-checks the condition on the row each waiting attempt
/// finds updated), and a CHECK on the table refuses any count over capacity. One active appointment
/// per request is a unique index. Every change tells the applicant, in the same transaction.
/// </summary>
public sealed class AppointmentDesk(AppDbContext db, AppointmentNotices notices, TimeProvider clock, ILogger<AppointmentDesk> logger)
{
    /// <summary>An applicant books a slot starting at least this much later; a clerk at the counter, any slot not started.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromHours(1);

    public const string SlotInput = "creneau";

    public Task<InPersonStep?> StepAsync(int procedureId, CancellationToken ct) =>
        db.InPersonSteps.AsNoTracking().SingleOrDefaultAsync(s => s.ProcedureId == procedureId, ct);

    /// <summary>The step's places in the order the office opened them (the seeded capital first), the first being the one shown.</summary>
    public Task<List<Place>> PlacesAsync(InPersonStep step, CancellationToken ct) =>
        db.Places.AsNoTracking().Where(p => step.PlaceIds.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);

    /// <summary>The request's appointment that is still to come or under way (Booked or Present), tracked.</summary>
    public Task<Appointment?> ActiveAsync(Guid requestId, CancellationToken ct) =>
        db.Appointments.Include(a => a.Slot).ThenInclude(s => s.Place)
            .SingleOrDefaultAsync(a => a.RequestId == requestId && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Present), ct);

    /// <summary>
    /// The slots of <paramref name="step"/> at <paramref name="place"/> with a place left, nearest
    /// first, over the next <see cref="InPersonStep.BookingDays"/> days. The slots are cut from the
    /// place's hours as they stand (closures and holidays left out) and written ahead when missing,
    /// so that a view writes nothing once they are there.
    /// </summary>
    public async Task<List<FreeSlot>> FreeSlotsAsync(InPersonStep step, Place place, bool atCounter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var earliest = atCounter ? now : now + Lead;
        var starts = step.SlotStarts(place, today, today.AddDays(InPersonStep.BookingDays)).Where(s => s > earliest).ToArray();
        if (starts.Length == 0)
        {
            return [];
        }
        var slots = await SlotsAsync(step, place, starts, ct);
        if (slots.Count < starts.Length)
        {
            // Only the first view after the horizon moved (a new day), or after the hours changed,
            // writes: the missing slots, which another node may be writing at the same moment.
            var missing = starts.Except(slots.Select(s => s.StartsAt)).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO appointment_slots (place_id, procedure_id, starts_at, minutes, capacity, booked)
                SELECT {place.Id}, {step.ProcedureId}, s, {step.SlotMinutes}, {step.PeoplePerSlot}, 0 FROM unnest({missing}) AS s
                ON CONFLICT (procedure_id, place_id, starts_at) DO NOTHING
                """, ct);
            slots = await SlotsAsync(step, place, starts, ct);
        }
        return [.. slots.Where(s => s.Free > 0)];
    }

    /// <summary>The slots already written among <paramref name="starts"/>, full or not, nearest first.</summary>
    private Task<List<FreeSlot>> SlotsAsync(InPersonStep step, Place place, DateTimeOffset[] starts, CancellationToken ct) =>
        db.AppointmentSlots.AsNoTracking()
            .Where(s => s.ProcedureId == step.ProcedureId && s.PlaceId == place.Id && starts.Contains(s.StartsAt))
            .OrderBy(s => s.StartsAt)
            .Select(s => new FreeSlot(s.Id, s.StartsAt, s.Capacity - s.Booked))
            .ToListAsync(ct);

    /// <summary>Why the applicant cannot book yet, or null when it can.</summary>
    public static string? NotYet(Request request, InPersonStep step, bool atCounter) =>
        request.Status == RequestStatus.AwaitingPayment ? "Vous pourrez prendre rendez-vous dès que le paiement des frais sera confirmé."
        : !request.MayHaveAppointment ? "Cette demande ne peut pas recevoir de rendez-vous dans son état actuel."
        : !atCounter && step.Opening == AppointmentOpening.WhenInvited && request.AppointmentInvitedAt is null
            ? "Le service vous invitera à prendre rendez-vous dès que votre dossier sera prêt : vous serez prévenu par SMS et par e-mail."
        : null;

    /// <summary>
    /// Books slot <paramref name="slotId"/> for the request; when it already has a booked
    /// appointment, moves it there (the old place is freed, and offered to someone waiting for an
    /// earlier date). Refusals are <see cref="BusinessRuleException"/>s in French, about <see cref="SlotInput"/> when they concern the slot.
    /// </summary>
    public async Task<Appointment> BookAsync(Request request, InPersonStep step, long slotId, Booker who, bool wantsEarlier, CancellationToken ct)
    {
        if (NotYet(request, step, who.AtCounter) is { } notYet)
        {
            throw new BusinessRuleException(notYet);
        }
        var slot = await db.AppointmentSlots.AsNoTracking().Include(s => s.Place).SingleOrDefaultAsync(s => s.Id == slotId && s.ProcedureId == step.ProcedureId, ct);
        if (slot is null || !step.PlaceIds.Contains(slot.PlaceId))
        {
            throw new BusinessRuleException("Choisissez un créneau dans la liste.", SlotInput);
        }
        var now = clock.GetUtcNow();
        if (slot.StartsAt <= (who.AtCounter ? now : now + Lead))
        {
            throw new BusinessRuleException("Ce créneau est passé, ou commence dans moins d'une heure : choisissez-en un autre.", SlotInput);
        }
        if (slot.StartsAt > now.AddDays(InPersonStep.BookingDays + 1))
        {
            throw new BusinessRuleException($"Un rendez-vous se prend au plus {InPersonStep.BookingDays} jours à l'avance.", SlotInput);
        }
        long? freed = null;
        var appointment = await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var current = await ActiveAsync(request.Id, ct);
            if (current is not null)
            {
                if (current.Status == AppointmentStatus.Present)
                {
                    throw new BusinessRuleException("Vous êtes déjà enregistré au guichet pour ce rendez-vous.");
                }
                if (current.SlotId == slotId)
                {
                    throw new BusinessRuleException("C'est déjà l'heure de votre rendez-vous : choisissez-en une autre pour le déplacer.", SlotInput);
                }
                current.End(moved: true, who.Id, step.ChangeDeadline(current.StartsAt), who.AtCounter, now);
                await SaveAsync(ct);
                await ReleaseAsync(current.SlotId, ct);
            }
            var taken = await db.Database.ExecuteSqlAsync(
                $"UPDATE appointment_slots SET booked = booked + 1 WHERE id = {slotId} AND booked < capacity AND starts_at > {now}", ct);
            if (taken == 0)
            {
                throw new BusinessRuleException("Ce créneau vient d'être complet : choisissez-en un autre.", SlotInput);
            }
            var booked = Appointment.Book(request.Id, slot, who.Id, who.AtCounter, wantsEarlier || (current?.WantsEarlier ?? false), now);
            db.Appointments.Add(booked);
            await notices.BookedAsync(request, booked, slot.Place, step, moved: current is not null, ct);
            await SaveAsync(ct);
            await transaction.CommitAsync(ct);
            freed = current?.SlotId;
            return booked;
        });
        if (freed is { } slotFreed)
        {
            await OfferFreedAsync(slotFreed, request.Id, ct);
        }
        return appointment;
    }

    /// <summary>Cancels the request's booked appointment; until the deadline for the applicant, at any time for a clerk.</summary>
    public async Task CancelAsync(Request request, InPersonStep step, Booker who, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var slotId = await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var current = await ActiveAsync(request.Id, ct) ?? throw new BusinessRuleException("Cette demande n'a pas de rendez-vous à annuler.");
            current.End(moved: false, who.Id, step.ChangeDeadline(current.StartsAt), who.AtCounter, now);
            await notices.CancelledAsync(request, current, ct);
            await SaveAsync(ct);
            await ReleaseAsync(current.SlotId, ct);
            await transaction.CommitAsync(ct);
            return current.SlotId;
        });
        await OfferFreedAsync(slotId, request.Id, ct);
    }

    /// <summary>The applicant would (or no longer would) take an earlier date if one comes free.</summary>
    public async Task WaitForEarlierAsync(Request request, bool wants, CancellationToken ct)
    {
        var current = await ActiveAsync(request.Id, ct);
        if (current is null || current.Status != AppointmentStatus.Booked)
        {
            throw new BusinessRuleException("Cette demande n'a pas de rendez-vous à venir.");
        }
        current.WaitForEarlier(wants);
        await SaveAsync(ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new BusinessRuleException("Ce rendez-vous vient d'être modifié (dans un autre onglet ?) : voici son état actuel.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new BusinessRuleException("Cette demande a déjà un rendez-vous : déplacez-le plutôt que d'en prendre un autre.");
        }
    }

    private Task<int> ReleaseAsync(long slotId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"UPDATE appointment_slots SET booked = booked - 1 WHERE id = {slotId}", ct);

    /// <summary>
    /// A place came free in <paramref name="slotId"/>: the applicant who has waited longest for an
    /// earlier date at the same place is told (at most <see cref="Appointment.MaxEarlierOffers"/>
    /// times each). The first to take it has it. Best effort, after the change that freed it.
    /// </summary>
    private async Task OfferFreedAsync(long slotId, Guid freedBy, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var freed = await db.AppointmentSlots.AsNoTracking().Include(s => s.Place).SingleAsync(s => s.Id == slotId, ct);
        if (freed.StartsAt <= clock.GetUtcNow() + Lead || freed.Free == 0)
        {
            return;
        }
        var waiting = await db.Appointments.Include(a => a.Request).ThenInclude(r => r.ProcedureVersion)
            .Where(a => a.Status == AppointmentStatus.Booked && a.WantsEarlier && a.EarlierOffers < Appointment.MaxEarlierOffers
                && a.Slot.PlaceId == freed.PlaceId && a.Slot.ProcedureId == freed.ProcedureId && a.StartsAt > freed.StartsAt && a.RequestId != freedBy)
            .OrderBy(a => a.BookedAt)
            .FirstOrDefaultAsync(ct);
        if (waiting is null || !waiting.TakeEarlierOffer())
        {
            return;
        }
        await notices.EarlierSlotAsync(waiting.Request, freed, freed.Place, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // That applicant moved or cancelled meanwhile: the place stays free for anyone.
            logger.LogInformation("Earlier-slot offer for slot {SlotId} skipped: the waiting appointment changed", slotId);
        }
    }
}
