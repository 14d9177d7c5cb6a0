namespace ServicePublic.Web.Domain.Supervision;

/// <summary>
/// How many decisions took each whole number of days (a column of supervision_durations), and its
/// exact percentiles by the nearest-rank rule: the p-th percentile is the smallest number of days d
/// such that the decisions taking d days or fewer are at least p % of them (PostgreSQL's percentile_disc).
/// Histograms add up, so a ministry's percentiles come from its procedures' without reading a request.
/// </summary>
public sealed class DurationHistogram
{
    private readonly SortedDictionary<int, long> _decisions = [];

    /// <summary>n: how many decisions the histogram holds.</summary>
    public long Count { get; private set; }

    public void Add(int days, long decisions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfNegative(decisions);
        _decisions[days] = _decisions.GetValueOrDefault(days) + decisions;
        Count += decisions;
    }

    public void Add(DurationHistogram other)
    {
        foreach (var (days, decisions) in other._decisions)
        {
            Add(days, decisions);
        }
    }

    /// <summary>The <paramref name="percent"/>-th percentile in days; null without any decision.</summary>
    public int? Percentile(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (Count == 0)
        {
            return null;
        }
        long atMost = 0;
        foreach (var (days, decisions) in _decisions)
        {
            atMost += decisions;
            if (atMost * 100 >= percent * Count)
            {
                return days;
            }
        }
        return null;
    }
}
