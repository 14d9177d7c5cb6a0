using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>DESIGN.md: a figure computed from fewer than 20 requests is not published as a number.</summary>
public static class PublicationRule
{
    public const int MinimumRequests = 20;

    public static bool IsPublished(int requests) => requests >= MinimumRequests;
}

/// <summary>How many decisions took each number of whole days started (one measure: with the administration, or awaiting the applicant).</summary>
public sealed class Durations
{
    public static readonly Durations None = new([]);

    private readonly (int Days, int Requests)[] _counts;

    public Durations(IEnumerable<(int Days, int Requests)> counts)
    {
        _counts = [.. counts.Where(c => c.Requests > 0).GroupBy(c => c.Days).Select(g => (g.Key, g.Sum(c => c.Requests))).OrderBy(c => c.Item1)];
        Count = _counts.Sum(c => c.Requests);
        // Worked out once: a procedure's delays are kept in memory (KeptFigures) and shown on every view of its page.
        Half = Percentile(50);
        NineInTen = Percentile(90);
    }

    public int Count { get; }

    public bool IsPublished => PublicationRule.IsPublished(Count);

    /// <summary>Half of the decisions took at most this many days (null without any).</summary>
    public int? Half { get; }

    /// <summary>Nine decisions in ten took at most this many days (null without any).</summary>
    public int? NineInTen { get; }

    /// <summary>
    /// Nearest rank, the rule of the room and the public pages (<see cref="DurationHistogram"/>, PostgreSQL's
    /// percentile_disc): the smallest number of days d such that the decisions that took d days or fewer
    /// are at least <paramref name="percent"/> % of all.
    /// </summary>
    public int? Percentile(int percent)
    {
        var histogram = new DurationHistogram();
        foreach (var (days, requests) in _counts)
        {
            histogram.Add(days, requests);
        }
        return histogram.Percentile(percent);
    }
}

/// <summary>A share: <see cref="Part"/> of <see cref="Count"/> requests, published from 20 requests.</summary>
public sealed record Rate(int Part, int Count)
{
    public bool IsPublished => PublicationRule.IsPublished(Count);

    /// <summary>The whole percentage, halves rounded up (2 of 3: 67).</summary>
    public int Percent => Count == 0 ? 0 : (int)Math.Round(Part * 100m / Count, MidpointRounding.AwayFromZero);
}
