using System.Security.Cryptography;

namespace ServicePublic.Web.Domain.Appointments;

/// <summary>Booked → Present → Served, or Absent; Cancelled and Moved end it before the day.</summary>
public enum AppointmentStatus
{
    Booked = 1,
    Present = 2,
    Served = 3,
    Absent = 4,
    Cancelled = 5,
    Moved = 6,
}

/// <summary>
/// A request's visit to a counter, in one slot. A request has at most one active appointment
/// (Booked or Present), which a unique index holds. Moving one ends it (Moved) and books another.
/// </summary>
public sealed class Appointment
{
    public const int CodeLength = 6;

    /// <summary>How many times an applicant waiting for an earlier date is told one came free.</summary>
    public const int MaxEarlierOffers = 3;

    private const string CodeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679";

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public Requests.Request Request { get; private set; } = null!;
    public long SlotId { get; private set; }
    public AppointmentSlot Slot { get; private set; } = null!;

    /// <summary>Said at the counter and printed on the confirmation: the clerk finds the appointment by it.</summary>
    public string Code { get; private set; } = "";
    public AppointmentStatus Status { get; private set; } = AppointmentStatus.Booked;
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset BookedAt { get; private set; }
    public string BookedById { get; private set; } = "";

    /// <summary>Booked by a clerk at the counter, for an applicant in front of it.</summary>
    public bool AtCounter { get; private set; }

    /// <summary>When the reminder two days before is due; null once sent, or when booked too late for it.</summary>
    public DateTimeOffset? FirstReminderAt { get; private set; }

    /// <summary>When the reminder the day before is due; null once sent, or when booked too late for it.</summary>
    public DateTimeOffset? LastReminderAt { get; private set; }
    public int RemindersSent { get; private set; }

    /// <summary>The applicant would take an earlier date if one comes free.</summary>
    public bool WantsEarlier { get; private set; }
    public int EarlierOffers { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndedById { get; private set; }

    /// <summary>PostgreSQL's xmin: an appointment moved in two tabs at once is moved once.</summary>
    public uint Version { get; private set; }

    private Appointment()
    {
    }

    public static Appointment Book(Guid requestId, AppointmentSlot slot, string bookedById, bool atCounter, bool wantsEarlier, DateTimeOffset now)
    {
        var appointment = new Appointment
        {
            Id = Guid.NewGuid(),
            RequestId = requestId,
            SlotId = slot.Id,
            StartsAt = slot.StartsAt,
            Code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength),
            BookedAt = now,
            BookedById = bookedById,
            AtCounter = atCounter,
            WantsEarlier = wantsEarlier,
        };
        appointment.FirstReminderAt = Due(slot.StartsAt.AddDays(-2), now);
        appointment.LastReminderAt = Due(slot.StartsAt.AddDays(-1), now);
        return appointment;
    }

    /// <summary>A reminder whose time had already come at booking is not sent: the confirmation just said it all.</summary>
    private static DateTimeOffset? Due(DateTimeOffset at, DateTimeOffset now) => at > now ? at : null;

    public bool IsActive => Status is AppointmentStatus.Booked or AppointmentStatus.Present;

    /// <summary>
    /// The reminder due at <paramref name="now"/> (2: two days before, 1: the day before), or null.
    /// Never once the appointment has started, nor for one that is no longer booked; when both are
    /// due (the job was down), only the day-before one is sent.
    /// </summary>
    public int? ReminderDue(DateTimeOffset now)
    {
        if (Status != AppointmentStatus.Booked || now >= StartsAt)
        {
            return null;
        }
        if (LastReminderAt is { } last && last <= now)
        {
            return 1;
        }
        return FirstReminderAt is { } first && first <= now ? 2 : null;
    }

    /// <summary>Records that the reminder <see cref="ReminderDue"/> gave was queued; any earlier one lapses with it.</summary>
    public void Reminded(int which)
    {
        FirstReminderAt = null;
        if (which == 1)
        {
            LastReminderAt = null;
        }
        RemindersSent++;
    }

    /// <summary>The applicant cancels, or moves it (then <paramref name="moved"/>): refused after the deadline.</summary>
    public void End(bool moved, string actorId, DateTimeOffset deadline, bool byClerk, DateTimeOffset now)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new BusinessRuleException("Ce rendez-vous n'est plus modifiable.");
        }
        if (!byClerk && now > deadline)
        {
            throw new BusinessRuleException(
                $"Il est trop tard pour {(moved ? "déplacer" : "annuler")} ce rendez-vous en ligne : c'était possible jusqu'au {Lome(deadline)}. Présentez-vous, ou contactez le service.");
        }
        Status = moved ? AppointmentStatus.Moved : AppointmentStatus.Cancelled;
        EndedAt = now;
        EndedById = actorId;
    }

    /// <summary>A clerk records that the applicant came (present), was received (served), or did not come (absent).</summary>
    public void Mark(AppointmentStatus status, string clerkId, DateTimeOffset now)
    {
        var allowed = (Status, status) switch
        {
            (AppointmentStatus.Booked, AppointmentStatus.Present) => true,
            (AppointmentStatus.Booked or AppointmentStatus.Present, AppointmentStatus.Served) => true,
            (AppointmentStatus.Booked, AppointmentStatus.Absent) => now >= StartsAt,
            // A mistake is mended the same day: absent after all came late.
            (AppointmentStatus.Absent, AppointmentStatus.Present or AppointmentStatus.Served) => true,
            _ => false,
        };
        if (!allowed)
        {
            throw new BusinessRuleException(status == AppointmentStatus.Absent && Status == AppointmentStatus.Booked
                ? "Un usager ne peut être noté absent qu'une fois l'heure de son rendez-vous passée."
                : "Ce rendez-vous est déjà clos dans cet état.");
        }
        Status = status;
        EndedAt = status == AppointmentStatus.Present ? null : now;
        EndedById = clerkId;
    }

    /// <summary>Counts an offer of an earlier date; false when this applicant already had its share.</summary>
    public bool TakeEarlierOffer()
    {
        if (!WantsEarlier || EarlierOffers >= MaxEarlierOffers || Status != AppointmentStatus.Booked)
        {
            return false;
        }
        EarlierOffers++;
        return true;
    }

    public void WaitForEarlier(bool wants) => WantsEarlier = wants;

    private static string Lome(DateTimeOffset at) => at.ToUniversalTime().ToString("dd/MM/yyyy 'à' HH'h'mm", System.Globalization.CultureInfo.InvariantCulture);
}
