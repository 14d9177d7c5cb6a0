using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.UnitTests;

/// <summary>The nearest-rank percentiles of supervision_durations, as PostgreSQL's percentile_disc computes them.</summary>
public sealed class DurationHistogramTests
{
    private static DurationHistogram Of(params int[] days)
    {
        var histogram = new DurationHistogram();
        foreach (var group in days.GroupBy(d => d))
        {
            histogram.Add(group.Key, group.Count());
        }
        return histogram;
    }

    [Theory]
    [InlineData(new[] { 1, 2, 2, 5, 15 }, 2, 15)]
    [InlineData(new[] { 9, 13 }, 9, 13)]
    [InlineData(new[] { 4 }, 4, 4)]
    [InlineData(new[] { 1, 2, 3, 4 }, 2, 4)]          // 0.5 × 4 = 2: the 2nd value, not between
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, 9)] // 0.9 × 10 = 9: the 9th value
    [InlineData(new[] { 0, 0, 0, 30 }, 0, 30)]
    public void Percentiles_AreTheSmallestDaysCoveringTheShare(int[] days, int p50, int p90)
    {
        var histogram = Of(days);

        Assert.Equal((p50, p90, (long)days.Length), (histogram.Percentile(50)!.Value, histogram.Percentile(90)!.Value, histogram.Count));
    }

    [Fact]
    public void Histograms_AddUp_SoAnOfficesPercentilesComeFromItsProceduresDecisions()
    {
        var office = Of(1, 2, 2, 5, 15);
        office.Add(Of(9, 13));

        Assert.Equal((5, 15, 7L), (office.Percentile(50)!.Value, office.Percentile(90)!.Value, office.Count));
    }

    [Fact]
    public void WithoutDecisions_ThereIsNoPercentile()
    {
        var empty = new DurationHistogram();
        empty.Add(3, 0);

        Assert.Null(empty.Percentile(50));
        Assert.Equal(0, empty.Count);
    }
}
