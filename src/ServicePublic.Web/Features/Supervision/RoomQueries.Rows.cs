using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>What <see cref="RoomQueries"/> reads, per procedure.</summary>
public sealed partial class RoomQueries
{
    internal sealed record ScopeProcedure(int Id, string Slug, string Title, int MinistryId, string MinistryCode, string MinistryName,
        int? OfficeId, string? OfficeCode, string? OfficeName, int? TargetDays);

    // Rows of the SQL above (columns in snake_case, as the naming convention maps them).
    internal sealed class DailyRow
    {
        public int ProcedureId { get; init; }
        public int ReceivedToday { get; init; }
        public int ReceivedLastWeek { get; init; }
        public int ReceivedLastMonth { get; init; }
        public int DecidedToday { get; init; }
        public int DecidedLastMonth { get; init; }
        public int ApprovedLastMonth { get; init; }
        public int WithTargetLastMonth { get; init; }
        public int WithinTargetLastMonth { get; init; }
        public long CollectedToday { get; init; }
        public long CollectedThisMonth { get; init; }
    }

    internal sealed class OpenRow
    {
        public int ProcedureId { get; init; }
        public int Open { get; init; }
        public int AwaitingPayment { get; init; }
        public int ToTake { get; init; }
        public int InReview { get; init; }
        public int AwaitingApplicant { get; init; }
        public int Overdue { get; init; }
        public int UpToHalf { get; init; }
        public int UnderEighty { get; init; }
        public int EightyToFull { get; init; }
        public int Over { get; init; }
        public int NoTarget { get; init; }
    }

    internal sealed class DurationRow
    {
        public int ProcedureId { get; init; }
        public int Days { get; init; }
        public long Decisions { get; init; }
    }

    internal sealed class ActivityRow
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public int ProcedureId { get; init; }
        public string? TrackingNumber { get; init; }
        public string Kind { get; init; } = "";
    }

    internal sealed class LoadRow
    {
        public int ProcedureId { get; init; }
        public string ClerkId { get; init; } = "";
        public int Open { get; init; }
        public int InReview { get; init; }
        public int Decided { get; init; }
    }
}

/// <summary>
/// What a snapshot was made of, per procedure of its scope, as read on <see cref="Today"/> (a Lomé
/// day): the previous facts of a scope <see cref="With"/> the procedures changed since read again
/// make the next snapshot. Never changed once made: a snapshot's facts may serve several next ones.
/// </summary>
public sealed class RoomFacts
{
    private readonly HashSet<int> _ids;
    private readonly Dictionary<int, RoomQueries.DailyRow> _daily;
    private readonly Dictionary<int, RoomQueries.OpenRow> _open;
    private readonly Dictionary<int, DurationHistogram> _durations;
    private readonly Dictionary<int, RoomQueries.LoadRow[]>? _loads;

    internal RoomFacts(IReadOnlyList<RoomQueries.ScopeProcedure> procedures, DateOnly today, DateTimeOffset fullyReadAt, int[] read,
        Dictionary<int, RoomQueries.DailyRow> daily, Dictionary<int, RoomQueries.OpenRow> open, Dictionary<int, DurationHistogram> durations,
        Dictionary<int, RoomQueries.LoadRow[]>? loads)
    {
        Procedures = procedures;
        Today = today;
        FullyReadAt = fullyReadAt;
        Read = read;
        _ids = [.. procedures.Select(p => p.Id)];
        _daily = daily;
        _open = open;
        _durations = durations;
        _loads = loads;
    }

    internal IReadOnlyList<RoomQueries.ScopeProcedure> Procedures { get; }

    public DateOnly Today { get; }

    /// <summary>When every procedure was last read (those that did not change since are as of then).</summary>
    public DateTimeOffset FullyReadAt { get; }

    /// <summary>The procedures these facts were read for (all of the scope's, or those changed).</summary>
    internal int[] Read { get; }

    public bool HasWorkload => _loads is not null;

    /// <summary>Made of older facts with only some procedures read again (<see cref="With"/>).</summary>
    public bool IsPartial { get; private init; }

    public bool Knows(int procedureId) => _ids.Contains(procedureId);

    /// <summary>These facts, with those of the procedures <paramref name="changed"/> read again (a procedure without rows now has none).</summary>
    internal RoomFacts With(RoomFacts changed)
    {
        var daily = new Dictionary<int, RoomQueries.DailyRow>(_daily);
        var open = new Dictionary<int, RoomQueries.OpenRow>(_open);
        var durations = new Dictionary<int, DurationHistogram>(_durations);
        var loads = _loads is null ? null : new Dictionary<int, RoomQueries.LoadRow[]>(_loads);
        foreach (var id in changed.Read)
        {
            Replace(daily, changed._daily, id);
            Replace(open, changed._open, id);
            Replace(durations, changed._durations, id);
            if (loads is not null)
            {
                Replace(loads, changed._loads!, id);
            }
        }
        return new RoomFacts(Procedures, Today, FullyReadAt, [.. _ids], daily, open, durations, loads) { IsPartial = true };
    }

    private static void Replace<T>(Dictionary<int, T> into, Dictionary<int, T> from, int id)
    {
        if (from.TryGetValue(id, out var value))
        {
            into[id] = value;
        }
        else
        {
            into.Remove(id);
        }
    }

    /// <summary>The facts summed for any set of procedures (an office, a ministry, the scope).</summary>
    public RoomFigures Of(IEnumerable<int> procedureIds)
    {
        var ids = procedureIds.ToList();
        var d = ids.Select(id => _daily.GetValueOrDefault(id)).OfType<RoomQueries.DailyRow>().ToList();
        var o = ids.Select(id => _open.GetValueOrDefault(id)).OfType<RoomQueries.OpenRow>().ToList();
        var histogram = new DurationHistogram();
        foreach (var id in ids)
        {
            if (_durations.TryGetValue(id, out var h))
            {
                histogram.Add(h);
            }
        }
        return new RoomFigures
        {
            ReceivedToday = d.Sum(x => x.ReceivedToday),
            Received7Days = d.Sum(x => x.ReceivedLastWeek),
            Received30Days = d.Sum(x => x.ReceivedLastMonth),
            DecidedToday = d.Sum(x => x.DecidedToday),
            Decided30Days = d.Sum(x => x.DecidedLastMonth),
            Approved30Days = d.Sum(x => x.ApprovedLastMonth),
            DecidedWithTarget30Days = d.Sum(x => x.WithTargetLastMonth),
            DecidedWithinTarget30Days = d.Sum(x => x.WithinTargetLastMonth),
            CollectedToday = d.Sum(x => x.CollectedToday),
            CollectedThisMonth = d.Sum(x => x.CollectedThisMonth),
            Open = o.Sum(x => x.Open),
            AwaitingPayment = o.Sum(x => x.AwaitingPayment),
            ToTake = o.Sum(x => x.ToTake),
            InReview = o.Sum(x => x.InReview),
            AwaitingApplicant = o.Sum(x => x.AwaitingApplicant),
            Overdue = o.Sum(x => x.Overdue),
            Ageing = new AgeingBands(o.Sum(x => x.UpToHalf), o.Sum(x => x.UnderEighty), o.Sum(x => x.EightyToFull), o.Sum(x => x.Over), o.Sum(x => x.NoTarget)),
            Durations = DurationSummary.Of(histogram),
        };
    }

    /// <summary>Per clerk, over the whole scope: open requests on their desk, those in review, decisions of the last 7 days.</summary>
    internal Dictionary<string, (int Open, int InReview, int Decided)> Loads() =>
        (_loads ?? []).Values.SelectMany(l => l).GroupBy(l => l.ClerkId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Sum(l => l.Open), g.Sum(l => l.InReview), g.Sum(l => l.Decided)), StringComparer.Ordinal);
}
