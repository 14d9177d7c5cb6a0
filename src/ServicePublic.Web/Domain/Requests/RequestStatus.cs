namespace ServicePublic.Web.Domain.Requests;

/// <summary>Where a request (dossier) stands. Draft → [AwaitingPayment →] Submitted → InReview ⇄ AwaitingApplicant → Approved | Rejected, or Withdrawn.</summary>
public enum RequestStatus
{
    Draft = 1,
    AwaitingPayment = 2,
    Submitted = 3,
    InReview = 4,
    AwaitingApplicant = 5,
    Approved = 6,
    Rejected = 7,
    Withdrawn = 8,
}

/// <summary>Who moves a request: the applicant (or a member of its business), a clerk, or the portal itself (payments).</summary>
public enum RequestActor
{
    Applicant = 1,
    Clerk = 2,
    System = 3,
}

/// <summary>The one table of legal moves: every transition goes through <see cref="Request"/>, which checks it here.</summary>
public static class RequestTransitions
{
    private static readonly Dictionary<(RequestStatus From, RequestStatus To), RequestActor[]> Allowed = new()
    {
        [(RequestStatus.Draft, RequestStatus.AwaitingPayment)] = [RequestActor.Applicant],
        [(RequestStatus.Draft, RequestStatus.Submitted)] = [RequestActor.Applicant],
        [(RequestStatus.AwaitingPayment, RequestStatus.Submitted)] = [RequestActor.System],
        [(RequestStatus.Submitted, RequestStatus.InReview)] = [RequestActor.Clerk],
        [(RequestStatus.InReview, RequestStatus.AwaitingApplicant)] = [RequestActor.Clerk],
        [(RequestStatus.AwaitingApplicant, RequestStatus.InReview)] = [RequestActor.Applicant],
        [(RequestStatus.InReview, RequestStatus.Approved)] = [RequestActor.Clerk],
        [(RequestStatus.InReview, RequestStatus.Rejected)] = [RequestActor.Clerk],
        [(RequestStatus.Draft, RequestStatus.Withdrawn)] = [RequestActor.Applicant],
        [(RequestStatus.AwaitingPayment, RequestStatus.Withdrawn)] = [RequestActor.Applicant],
        [(RequestStatus.Submitted, RequestStatus.Withdrawn)] = [RequestActor.Applicant],
        [(RequestStatus.InReview, RequestStatus.Withdrawn)] = [RequestActor.Applicant],
        [(RequestStatus.AwaitingApplicant, RequestStatus.Withdrawn)] = [RequestActor.Applicant],
    };

    public static bool IsAllowed(RequestStatus from, RequestStatus to, RequestActor actor) =>
        Allowed.TryGetValue((from, to), out var actors) && actors.Contains(actor);

    public static IEnumerable<RequestStatus> Next(RequestStatus from, RequestActor actor) =>
        Allowed.Where(a => a.Key.From == from && a.Value.Contains(actor)).Select(a => a.Key.To);

    public static bool IsDecided(RequestStatus status) =>
        status is RequestStatus.Approved or RequestStatus.Rejected or RequestStatus.Withdrawn;
}
