namespace ServicePublic.Web.Domain.Requests;

public sealed partial class Request
{
    /// <summary>When a clerk invited the applicant to book its visit to the counter (procedures whose booking opens on invitation).</summary>
    public DateTimeOffset? AppointmentInvitedAt { get; private set; }

    /// <summary>Filed, paid when a fee was due, and not decided: the in-person step may be booked (if its opening allows).</summary>
    public bool MayHaveAppointment => IsOpen && Status != RequestStatus.AwaitingPayment;

    /// <summary>A clerk says the file is ready for the applicant's visit: booking opens.</summary>
    public void InviteToAppointment(DateTimeOffset now)
    {
        if (!MayHaveAppointment)
        {
            throw new BusinessRuleException("Cette demande ne peut pas recevoir de rendez-vous dans son état actuel.");
        }
        AppointmentInvitedAt ??= now;
        UpdatedAt = now;
    }

    /// <summary>The applicant was received at the counter: a request still waiting for the office goes into review.</summary>
    public void RecordVisit(string clerkId, DateTimeOffset now)
    {
        if (Status == RequestStatus.Submitted)
        {
            StartReview(clerkId, now, "Reçu au guichet lors du rendez-vous");
        }
        else
        {
            UpdatedAt = now;
        }
    }
}
