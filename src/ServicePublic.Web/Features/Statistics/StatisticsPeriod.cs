namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// The months the public statistics cover, in Lomé time (UTC+0): rates and delays are computed
/// over the 12 full months before the current one, so a figure does not move with each day of the
/// month and every scope is compared over the same months; the chart also shows the current month
/// so far.
/// </summary>
public sealed record StatisticsPeriod(DateOnly Today)
{
    public const int FullMonths = 12;

    public static StatisticsPeriod At(DateTimeOffset now) => new(DateOnly.FromDateTime(now.UtcDateTime));

    public DateOnly CurrentMonth => new(Today.Year, Today.Month, 1);

    /// <summary>The first day counted: the first of the month, 12 months before the current one.</summary>
    public DateOnly From => CurrentMonth.AddMonths(-FullMonths);

    /// <summary>The last day the figures count: the last day of the previous month.</summary>
    public DateOnly To => CurrentMonth.AddDays(-1);

    /// <summary>The day after the chart's last month (the current one), for "day &lt; end" filters.</summary>
    public DateOnly ChartEnd => CurrentMonth.AddMonths(1);

    /// <summary>The chart's months, oldest first: the 12 full months, then the current one.</summary>
    public IReadOnlyList<DateOnly> Months => [.. Enumerable.Range(0, FullMonths + 1).Select(From.AddMonths)];
}
