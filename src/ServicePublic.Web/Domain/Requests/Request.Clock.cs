namespace ServicePublic.Web.Domain.Requests;

/// <summary>
/// The honest clock (DESIGN.md): time with the administration runs from filing (after payment
/// when a fee is due at filing) to the decision, minus the time spent awaiting the applicant
/// (correction asked → correction sent). The request keeps it up to date at each move, and
/// <see cref="RequestClock.FromEvents"/> computes the same from its events alone: the room, the
/// targets and the public statistics read the first, a test checks it against the second.
/// </summary>
public sealed partial class Request
{
    /// <summary>When the office answered (approved, rejected) or the applicant withdrew: the clock stops.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The clerk who decided (null for a withdrawal).</summary>
    public string? DecidedById { get; private set; }

    /// <summary>While a correction is awaited: since when.</summary>
    public DateTimeOffset? AwaitingApplicantSince { get; private set; }

    /// <summary>The time spent awaiting the applicant's corrections, closed periods only.</summary>
    public TimeSpan TimeWithApplicant { get; private set; }

    /// <summary>The time the office has had the request so far (at its decision once decided); null before the clock starts.</summary>
    public TimeSpan? TimeWithAdministration(DateTimeOffset now) =>
        RequestClock.WithAdministration(SubmittedAt, DecidedAt, TimeWithApplicant, AwaitingApplicantSince, now);

    /// <summary>Keeps the clock with each move: called by <see cref="Move"/> once the status changed.</summary>
    private void Tick(RequestStatus from, RequestStatus to, string? actorId, DateTimeOffset now)
    {
        if (from == RequestStatus.AwaitingApplicant && AwaitingApplicantSince is { } since)
        {
            var waited = now - since;
            TimeWithApplicant += waited;
            // The office's due date moves by the time the applicant took: the office is not late for it.
            DueAt = DueAt?.Add(waited);
            AwaitingApplicantSince = null;
        }
        if (to == RequestStatus.AwaitingApplicant)
        {
            AwaitingApplicantSince = now;
        }
        if (RequestTransitions.IsDecided(to))
        {
            DecidedAt = now;
            DecidedById = to == RequestStatus.Withdrawn ? null : actorId;
        }
    }
}

/// <summary>The clock of one request as its events tell it.</summary>
public sealed record RequestClock(DateTimeOffset? StartedAt, DateTimeOffset? DecidedAt, TimeSpan WithApplicant, DateTimeOffset? AwaitingApplicantSince)
{
    /// <summary>Time with the administration at <paramref name="now"/> (at the decision once decided).</summary>
    public TimeSpan? WithAdministration(DateTimeOffset now) => WithAdministration(StartedAt, DecidedAt, WithApplicant, AwaitingApplicantSince, now);

    public static TimeSpan? WithAdministration(DateTimeOffset? startedAt, DateTimeOffset? decidedAt, TimeSpan withApplicant, DateTimeOffset? awaitingSince, DateTimeOffset now)
    {
        if (startedAt is not { } start)
        {
            return null;
        }
        var end = decidedAt ?? now;
        var waiting = withApplicant + (decidedAt is null && awaitingSince is { } since ? end - since : TimeSpan.Zero);
        var result = end - start - waiting;
        return result < TimeSpan.Zero ? TimeSpan.Zero : result;
    }

    /// <summary>
    /// Replays the events: the clock starts when the request becomes Submitted (at filing, or at
    /// the payment's confirmation), pauses from each AwaitingApplicant to the next move, stops at
    /// the first decided status.
    /// </summary>
    public static RequestClock FromEvents(IEnumerable<RequestEvent> events)
    {
        DateTimeOffset? started = null, decided = null, awaiting = null;
        var withApplicant = TimeSpan.Zero;
        foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Id))
        {
            if (e.From == RequestStatus.AwaitingApplicant && awaiting is { } since)
            {
                withApplicant += e.At - since;
                awaiting = null;
            }
            if (e.To == RequestStatus.Submitted)
            {
                started ??= e.At;
            }
            if (e.To == RequestStatus.AwaitingApplicant)
            {
                awaiting = e.At;
            }
            if (RequestTransitions.IsDecided(e.To))
            {
                decided ??= e.At;
            }
        }
        return new RequestClock(started, decided, withApplicant, awaiting);
    }
}
