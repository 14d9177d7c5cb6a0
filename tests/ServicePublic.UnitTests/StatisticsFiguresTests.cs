using System.Globalization;
using Microsoft.Extensions.Localization;
using ServicePublic.Web.Features.Statistics;

namespace ServicePublic.UnitTests;

/// <summary>The public figures' rules: nearest-rank percentiles, whole percentages, and no number from fewer than 20 requests.</summary>
public sealed class StatisticsFiguresTests
{
    private static readonly IStringLocalizer French = new KeysAsText();

    private static Durations Decisions(params int[] days) => new(days.Select(d => (d, 1)));

    [Fact]
    public void Percentiles_AreTheNearestRank_AsPercentileDiscComputesThem()
    {
        // 20 decisions: the 10th is the first to reach half, the 18th the first to reach 9 in 10.
        var durations = Decisions(1, 1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30);

        Assert.Equal(20, durations.Count);
        Assert.Equal(5, durations.Half);
        Assert.Equal(20, durations.NineInTen);
        Assert.Equal(1, durations.Percentile(10));
        Assert.Equal(30, durations.Percentile(100));
    }

    [Fact]
    public void Percentiles_OfAnOddCount_NeedTheRankAboveTheHalf()
    {
        // 39 decisions: half is 19.5, met by the 20th; 9 in 10 is 35.1, met by the 36th.
        var durations = new Durations([(1, 2), (2, 2), (3, 3), (4, 6), (5, 2), (6, 6), (7, 1), (8, 6), (9, 1), (10, 1), (11, 3), (12, 1), (15, 1), (20, 1), (25, 1), (30, 1), (40, 1)]);

        Assert.Equal(39, durations.Count);
        Assert.Equal(6, durations.Half);
        Assert.Equal(20, durations.NineInTen);
    }

    [Fact]
    public void Durations_AddUpTheSameDaysFromSeveralRows_AndIgnoreEmptyOnes()
    {
        var durations = new Durations([(9, 2), (3, 1), (9, 1), (4, 0)]);

        Assert.Equal(4, durations.Count);
        Assert.Equal(9, durations.Half);
        Assert.Null(Durations.None.Half);
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    public void PublicationRule_PublishesFrom20Requests(int requests, bool published)
    {
        Assert.Equal(published, PublicationRule.IsPublished(requests));
        Assert.Equal(published, new Rate(requests, requests).IsPublished);
        Assert.Equal(published, new Durations([(3, requests)]).IsPublished);
    }

    [Theory]
    [InlineData(17, 20, 85)]
    [InlineData(2, 3, 67)]
    [InlineData(1, 8, 13)]
    [InlineData(24, 39, 62)]
    [InlineData(0, 0, 0)]
    public void Rate_IsAWholePercentage_HalvesRoundedUp(int part, int count, int percent) =>
        Assert.Equal(percent, new Rate(part, count).Percent);

    [Fact]
    public void Delay_ReadsHalfAndNineInTen_WithN()
    {
        var twenty = new Durations([(1, 9), (5, 9), (21, 2)]);

        Assert.Equal("la moitié en 5 jours, 9 sur 10 en 5 jours (n = 20)", StatisticsText.Delay(French, twenty));
        Assert.Equal("la moitié en 1 jour, 9 sur 10 en 1 jour (n = 1\u00A0200)", StatisticsText.Delay(French, new Durations([(1, 1200)])));
    }

    [Fact]
    public void Figures_From19Requests_SayNoFigureIsPublished()
    {
        Assert.Equal("moins de 20 demandes : pas de chiffre publié", StatisticsText.Delay(French, new Durations([(4, 19)])));
        Assert.Equal("moins de 20 demandes : pas de chiffre publié", StatisticsText.Share(French, new Rate(19, 19)));
        Assert.Equal("moins de 20 demandes : pas de chiffre publié", StatisticsText.Share(French, new Rate(0, 0)));
        Assert.Equal("100 % (n = 20)", StatisticsText.Share(French, new Rate(20, 20)));
    }

    [Fact]
    public void Period_Counts12FullMonths_AndChartsTheCurrentOneToo()
    {
        var period = new StatisticsPeriod(new DateOnly(2026, 7, 15));

        Assert.Equal(new DateOnly(2025, 7, 1), period.From);
        Assert.Equal(new DateOnly(2026, 6, 30), period.To);
        Assert.Equal(new DateOnly(2026, 8, 1), period.ChartEnd);
        Assert.Equal(13, period.Months.Count);
        Assert.Equal(new DateOnly(2026, 7, 1), period.Months[^1]);
    }

    [Theory]
    [InlineData(null, null, "2025-07-01", "2026-07-15")]
    [InlineData("2026-01-01", null, "2026-01-01", "2026-07-15")]
    [InlineData("2020-03-01", null, "2020-03-01", "2022-03-01")]
    [InlineData(null, "2024-02-10", "2023-02-01", "2024-02-10")]
    [InlineData(" 2026-05-01 ", "2026-05-31", "2026-05-01", "2026-05-31")]
    [InlineData("2024-07-15", "2026-07-15", "2024-07-15", "2026-07-15")]
    public void OpenDataPeriod_DefaultsToThePagesPeriod_AndKeepsWithinTwoYears(string? du, string? au, string from, string to)
    {
        var (period, error) = OpenDataPeriod.Parse(du, au, new DateOnly(2026, 7, 15));

        Assert.Null(error);
        Assert.Equal(new OpenDataPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)), period);
    }

    [Theory]
    [InlineData("31/01/2026", null, OpenDataPeriod.BadFrom)]
    [InlineData("2026-02-30", null, OpenDataPeriod.BadFrom)]
    [InlineData(null, "hier", OpenDataPeriod.BadTo)]
    [InlineData("2026-05-02", "2026-05-01", OpenDataPeriod.Reversed)]
    [InlineData("2024-07-14", "2026-07-15", OpenDataPeriod.TooLong)]
    public void OpenDataPeriod_RefusesBadDates_WithTheirMessage(string? du, string? au, string message)
    {
        var (period, error) = OpenDataPeriod.Parse(du, au, new DateOnly(2026, 7, 15));

        Assert.Null(period);
        Assert.Equal(message, error);
    }

    [Fact]
    public void Chart_DrawsTheLongestBarAcrossThePlot_AndAnEmptyMonthWithoutABar()
    {
        var chart = new MonthlyChart([new MonthCounts(new DateOnly(2026, 1, 1), 20, 19), new MonthCounts(new DateOnly(2026, 2, 1), 0, 2)]);

        Assert.Equal(MonthlyChart.PlotWidth, chart.Rows[0].FiledLength);
        Assert.Equal(0, chart.Rows[1].FiledLength);
        Assert.Equal(Math.Round(2 * (double)MonthlyChart.PlotWidth / 20, 1), chart.Rows[1].DecidedLength);
        Assert.Equal("0 0 360 108", chart.ViewBox);
    }

    [Fact]
    public void CsvHistogram_WritesDaysAndDecisions()
    {
        Assert.Equal("2:1|9:3", OpenDataFiles.CsvHistogram([(2, 1), (9, 3)]));
        Assert.Equal("", OpenDataFiles.CsvHistogram([]));
    }

    /// <summary>French is the keys themselves: what the portal shows without a resource.</summary>
    private sealed class KeysAsText : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(CultureInfo.GetCultureInfo("fr-FR"), name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
