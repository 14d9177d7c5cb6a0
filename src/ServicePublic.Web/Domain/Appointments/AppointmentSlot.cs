namespace ServicePublic.Web.Domain.Appointments;

/// <summary>
/// One slot of one procedure at one place, and how many of its places are taken. The database
/// holds the count to its capacity (a CHECK, and bookings that add to it only with
/// <c>WHERE booked &lt; capacity</c>): however many people try the last place at once, one gets it.
/// Slots are written ahead from the place's hours (<see cref="InPersonStep.SlotStarts"/>).
/// </summary>
public sealed class AppointmentSlot
{
    public long Id { get; private set; }
    public int PlaceId { get; private set; }
    public Place Place { get; private set; } = null!;
    public int ProcedureId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public int Minutes { get; private set; }
    public int Capacity { get; private set; }
    public int Booked { get; private set; }

    private AppointmentSlot()
    {
    }

    /// <summary>A slot in memory; the portal writes them ahead in bulk (AppointmentDesk.FreeSlotsAsync).</summary>
    public AppointmentSlot(int placeId, int procedureId, DateTimeOffset startsAt, int minutes, int capacity)
    {
        PlaceId = placeId;
        ProcedureId = procedureId;
        StartsAt = startsAt;
        Minutes = minutes;
        Capacity = capacity;
    }

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(Minutes);

    public int Free => Math.Max(0, Capacity - Booked);
}
