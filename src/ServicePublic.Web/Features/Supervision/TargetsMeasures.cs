using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>One procedure's totals over a period, summed from <c>supervision_daily</c>.</summary>
public sealed record ProcedureTally(int ProcedureId, int Filed, int Decided, int Approved, int WithTarget, int WithinTarget);

/// <summary>How many of a procedure's decisions took <see cref="Days"/> whole days (started) with the administration.</summary>
public sealed record DurationCount(int ProcedureId, int Days, int Requests);

/// <summary>
/// A value the portal measured and how many requests it stands on (decisions; filings for the
/// count). <see cref="Value"/> is null when there is nothing to measure yet.
/// </summary>
public sealed record Measure(decimal? Value, int Count)
{
    public static readonly Measure None = new(null, 0);
}

/// <summary>
/// Reads the rollups the triggers keep (<c>supervision_daily</c>, <c>supervision_durations</c>)
/// over a period, once per page, grouped by procedure: a few hundred rows whatever the number
/// of requests.
/// </summary>
public sealed class TargetsMeasures(AppDbContext db)
{
    /// <summary>
    /// The totals of <paramref name="procedureIds"/>, and the durations of those among
    /// <paramref name="durationIds"/> (the procedures a p90 is asked of: the larger read, skipped when none is).
    /// </summary>
    public async Task<MeasuredPeriod> ReadAsync(IEnumerable<int> procedureIds, IEnumerable<int> durationIds, DateOnly from, DateOnly through, CancellationToken ct)
    {
        var ids = procedureIds.Distinct().ToArray();
        var withDurations = durationIds.Distinct().ToArray();
        var tallies = ids.Length == 0 ? [] : await db.Database.SqlQuery<ProcedureTally>($"""
            SELECT procedure_id, sum(filed)::integer AS filed, sum(decided)::integer AS decided, sum(approved)::integer AS approved,
                sum(decided_with_target)::integer AS with_target, sum(decided_within_target)::integer AS within_target
            FROM supervision_daily_now
            WHERE procedure_id = ANY({ids}) AND day BETWEEN {from} AND {through}
            GROUP BY procedure_id
            """).ToListAsync(ct);
        // Measure A: days with the administration (W, awaiting the applicant, is not the office's time).
        var durations = withDurations.Length == 0 ? [] : await db.Database.SqlQuery<DurationCount>($"""
            SELECT procedure_id, days, sum(requests)::integer AS requests
            FROM supervision_durations_now
            WHERE measure = 'A' AND procedure_id = ANY({withDurations}) AND day BETWEEN {from} AND {through}
            GROUP BY procedure_id, days
            """).ToListAsync(ct);
        return new MeasuredPeriod(tallies, durations);
    }
}

/// <summary>The rollups of a period, from which each indicator's value is computed over its procedures.</summary>
public sealed class MeasuredPeriod(IReadOnlyList<ProcedureTally> tallies, IReadOnlyList<DurationCount> durations)
{
    /// <summary>
    /// The value of <paramref name="kind"/> over <paramref name="procedures"/>: % of decisions with a
    /// target given within it, p90 days with the administration (nearest rank), requests filed, %
    /// of decisions approved. Rates are rounded to one decimal, as shown and as compared.
    /// </summary>
    public Measure Of(IndicatorKind kind, IReadOnlySet<int> procedures)
    {
        var tally = tallies.Where(t => procedures.Contains(t.ProcedureId)).ToList();
        return kind switch
        {
            IndicatorKind.DecidedWithinTarget => Rate(tally.Sum(t => t.WithinTarget), tally.Sum(t => t.WithTarget)),
            IndicatorKind.ApprovalRate => Rate(tally.Sum(t => t.Approved), tally.Sum(t => t.Decided)),
            IndicatorKind.FiledOnline => new Measure(tally.Sum(t => t.Filed), tally.Sum(t => t.Filed)),
            IndicatorKind.P90Days => P90(durations.Where(d => procedures.Contains(d.ProcedureId))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static Measure Rate(int part, int whole) =>
        whole == 0 ? Measure.None : new Measure(Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero), whole);

    private static Measure P90(IEnumerable<DurationCount> durations)
    {
        var histogram = durations.GroupBy(d => d.Days).Select(g => (Days: g.Key, Count: g.Sum(d => d.Requests))).ToList();
        var n = histogram.Sum(h => h.Count);
        return n == 0 ? Measure.None : new Measure(NearestRank(histogram, 0.9m), n);
    }

    /// <summary>
    /// Nearest rank: the smallest d such that the decisions taking at most d days are at least
    /// <paramref name="share"/> of them all (PostgreSQL's percentile_disc).
    /// </summary>
    public static int NearestRank(IEnumerable<(int Days, int Count)> histogram, decimal share)
    {
        var decisions = new DurationHistogram();
        foreach (var (days, count) in histogram)
        {
            decisions.Add(days, count);
        }
        return decisions.Percentile((int)(share * 100))
            ?? throw new ArgumentException("An empty histogram has no percentile.", nameof(histogram));
    }
}
