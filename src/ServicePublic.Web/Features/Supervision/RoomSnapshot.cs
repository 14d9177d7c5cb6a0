using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// Everything a supervision screen shows for one scope at one moment (<see cref="At"/>), computed
/// once by <see cref="RoomQueries"/> and shared by every viewer of that scope on this node.
/// <see cref="Seq"/> is the last supervision_activity row it includes: a change numbered after it is not
/// in these figures yet. <see cref="Workload"/> is null on the wall screen, which never names a clerk.
/// </summary>
public sealed record RoomSnapshot(
    RoomScope Scope,
    long Seq,
    DateTimeOffset At,
    RoomFigures Totals,
    IReadOnlyList<RoomRow> Ministries,
    IReadOnlyList<RoomRow> Offices,
    IReadOnlyList<RoomRow> Procedures,
    IReadOnlyList<ClerkLoad>? Workload,
    IReadOnlyList<RoomActivity> Feed)
{
    /// <summary>"Today" in Lomé (UTC+0 all year).</summary>
    public DateOnly Today => DateOnly.FromDateTime(At.UtcDateTime);
}

/// <summary>One line of a breakdown table: a ministry, an office or a procedure, with the scope of its own room.</summary>
public sealed record RoomRow(string Name, RoomScope Scope, int? TargetDays, RoomFigures Figures);

/// <summary>What one clerk has on its desk: open requests assigned to it, those in review, its decisions of the last 7 days.</summary>
public sealed record ClerkLoad(string Id, string Name, int Open, int InReview, int Decided7Days);

/// <summary>One state change of the feed: no person, no answer, only where and what.</summary>
public sealed record RoomActivity(long Seq, DateTimeOffset At, string? TrackingNumber, string Procedure, string Kind);

/// <summary>Time with the administration of the decisions of the last 30 days, by the nearest-rank rule.</summary>
public sealed record DurationSummary(int? P50, int? P90, long N)
{
    public static DurationSummary Of(DurationHistogram histogram) => new(histogram.Percentile(50), histogram.Percentile(90), histogram.Count);
}

/// <summary>
/// Open requests whose clock runs or is paused (not those awaiting payment), by the share of their
/// target delay already spent with the administration: up to 50 %, over 50 and under 80 %, from
/// 80 % to 100 % (amber), over 100 %; and those whose procedure has no target delay.
/// </summary>
public sealed record AgeingBands(int UpToHalf, int UnderEighty, int EightyToFull, int Over, int NoTarget)
{
    public int Total => UpToHalf + UnderEighty + EightyToFull + Over + NoTarget;

    public AgeingBands Plus(AgeingBands other) => new(UpToHalf + other.UpToHalf, UnderEighty + other.UnderEighty,
        EightyToFull + other.EightyToFull, Over + other.Over, NoTarget + other.NoTarget);
}

/// <summary>
/// The figures of one part of a scope (a procedure, an office, a ministry, the whole scope). Days are
/// Lomé days: "today", the last 7 days (today and the 6 before), the last 30 days (today and the 29
/// before), this month. Open requests are counted at <see cref="RoomSnapshot.At"/>.
/// </summary>
public sealed record RoomFigures
{
    public int ReceivedToday { get; init; }
    public int Received7Days { get; init; }
    public int Received30Days { get; init; }
    public int AwaitingPayment { get; init; }

    /// <summary>Submitted and assigned to no one.</summary>
    public int ToTake { get; init; }
    public int InReview { get; init; }
    public int AwaitingApplicant { get; init; }

    /// <summary>Every request not decided yet, awaiting payment included.</summary>
    public int Open { get; init; }

    /// <summary>Open, not awaiting the applicant, past its due date.</summary>
    public int Overdue { get; init; }
    public int DecidedToday { get; init; }

    /// <summary>Approved or rejected (a withdrawal is not a decision).</summary>
    public int Decided30Days { get; init; }
    public int Approved30Days { get; init; }

    /// <summary>Decisions of requests that had a target delay, and those made by their due date.</summary>
    public int DecidedWithTarget30Days { get; init; }
    public int DecidedWithinTarget30Days { get; init; }
    public long CollectedToday { get; init; }
    public long CollectedThisMonth { get; init; }
    public AgeingBands Ageing { get; init; } = new(0, 0, 0, 0, 0);
    public DurationSummary Durations { get; init; } = new(null, null, 0);

    /// <summary>Approved among the decided, in whole percent; null without a decision.</summary>
    public int? ApprovalRate => Percent(Approved30Days, Decided30Days);

    /// <summary>Decided by their due date among those with a target, in whole percent; null without any.</summary>
    public int? WithinTargetRate => Percent(DecidedWithinTarget30Days, DecidedWithTarget30Days);

    public bool IsQuiet => Open == 0 && Decided30Days == 0 && Received30Days == 0 && CollectedThisMonth == 0;

    private static int? Percent(int part, int whole) =>
        whole == 0 ? null : (int)Math.Round(100m * part / whole, MidpointRounding.AwayFromZero);
}
