using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Supervision;
using ServicePublic.Web.Features.Supervision;

namespace ServicePublic.UnitTests;

/// <summary>The targets' status rule at its boundaries, the values an indicator accepts, and the nearest-rank p90.</summary>
public sealed class IndicatorRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static Indicator New(IndicatorKind kind, decimal baseline, decimal target2026)
    {
        var indicator = new Indicator(kind, null, 2025, null);
        indicator.Set(2025, baseline, new Dictionary<int, decimal> { [2026] = target2026, [2027] = target2026, [2028] = target2026 }, "u", Now);
        return indicator;
    }

    // Baseline 40 %, target 60 %: 10 % of the way is 2 points.
    [Theory]
    [InlineData("60", IndicatorStatus.OnTrack)]
    [InlineData("75.5", IndicatorStatus.OnTrack)]
    [InlineData("59.9", IndicatorStatus.AtRisk)]
    [InlineData("58", IndicatorStatus.AtRisk)]
    [InlineData("57.9", IndicatorStatus.OffTrack)]
    [InlineData("0", IndicatorStatus.OffTrack)]
    public void ARate_IsOnTrackAtItsTarget_AtRiskWithinTenPercentOfTheWayFromItsBaseline(string actual, IndicatorStatus expected)
    {
        var indicator = New(IndicatorKind.DecidedWithinTarget, 40, 60);

        Assert.Equal(expected, indicator.StatusFor(decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture), 2026, 335));
    }

    // p90: baseline 30 days, target 20 days, fewer is better; 10 % of the way is 1 day.
    [Theory]
    [InlineData(12, IndicatorStatus.OnTrack)]
    [InlineData(20, IndicatorStatus.OnTrack)]
    [InlineData(21, IndicatorStatus.AtRisk)]
    [InlineData(22, IndicatorStatus.OffTrack)]
    public void P90_IsBetterLower(int actual, IndicatorStatus expected)
    {
        Assert.Equal(expected, New(IndicatorKind.P90Days, 30, 20).StatusFor(actual, 2026, 1));
    }

    // Requests filed: baseline 1 000, target 1 200 in 2026 (365 days). On day 73 (a fifth of the
    // year) the target to date is 240, the baseline's 200, so 10 % of the way is 4 requests.
    [Theory]
    [InlineData(240, 73, IndicatorStatus.OnTrack)]
    [InlineData(239, 73, IndicatorStatus.AtRisk)]
    [InlineData(236, 73, IndicatorStatus.AtRisk)]
    [InlineData(235, 73, IndicatorStatus.OffTrack)]
    [InlineData(1200, 365, IndicatorStatus.OnTrack)]
    [InlineData(1180, 365, IndicatorStatus.AtRisk)]
    [InlineData(1179, 365, IndicatorStatus.OffTrack)]
    [InlineData(4, 1, IndicatorStatus.OnTrack)]
    public void AYearlyCount_IsComparedWithItsTargetProRatedToTheDay(int actual, int dayOfYear, IndicatorStatus expected)
    {
        Assert.Equal(expected, New(IndicatorKind.FiledOnline, 1000, 1200).StatusFor(actual, 2026, dayOfYear));
    }

    [Fact]
    public void ALeapYear_ProRatesOver366Days()
    {
        // 2028: day 183 of 366 is half the year: 600 of 1 200.
        Assert.Equal(IndicatorStatus.OnTrack, New(IndicatorKind.FiledOnline, 1000, 1200).StatusFor(600, 2028, 183));
        Assert.Equal(IndicatorStatus.AtRisk, New(IndicatorKind.FiledOnline, 1000, 1200).StatusFor(599, 2028, 183));
    }

    [Fact]
    public void ABaselineEqualToItsTarget_LeavesTenPercentOfTheTarget()
    {
        var indicator = New(IndicatorKind.ApprovalRate, 80, 80);

        Assert.Equal(IndicatorStatus.AtRisk, indicator.StatusFor(72, 2026, 100));
        Assert.Equal(IndicatorStatus.OffTrack, indicator.StatusFor(71.9m, 2026, 100));
    }

    [Fact]
    public void NothingMeasured_OrNoTargetForTheYear_IsSaid_NotGuessed()
    {
        var indicator = New(IndicatorKind.ApprovalRate, 80, 90);

        Assert.Equal(IndicatorStatus.NotMeasured, indicator.StatusFor(null, 2026, 100));
        Assert.Equal(IndicatorStatus.NoTarget, indicator.StatusFor(95, 2029, 100));
    }

    [Theory]
    [InlineData(IndicatorKind.ApprovalRate, "100", null)]
    [InlineData(IndicatorKind.ApprovalRate, "85.5", null)]
    [InlineData(IndicatorKind.ApprovalRate, "100.01", IndicatorRules.PercentageMessage)]
    [InlineData(IndicatorKind.DecidedWithinTarget, "-1", IndicatorRules.NegativeMessage)]
    [InlineData(IndicatorKind.DecidedWithinTarget, "85.555", IndicatorRules.DecimalsMessage)]
    [InlineData(IndicatorKind.P90Days, "3650", null)]
    [InlineData(IndicatorKind.P90Days, "3651", IndicatorRules.DaysMessage)]
    [InlineData(IndicatorKind.P90Days, "12.5", IndicatorRules.WholeMessage)]
    [InlineData(IndicatorKind.FiledOnline, "0", null)]
    [InlineData(IndicatorKind.FiledOnline, "-3", IndicatorRules.NegativeMessage)]
    [InlineData(IndicatorKind.FiledOnline, "10000001", IndicatorRules.CountMessage)]
    public void Values_AreCheckedAgainstTheirKindsRange(IndicatorKind kind, string value, string? problem)
    {
        Assert.Equal(problem, kind.Problem(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Set_RefusesAValueOutOfRange_AndChangesNothing()
    {
        var indicator = New(IndicatorKind.ApprovalRate, 80, 90);

        var refused = Assert.Throws<BusinessRuleException>(() =>
            indicator.Set(2025, 70, new Dictionary<int, decimal> { [2026] = 101, [2027] = 95, [2028] = 95 }, "v", Now.AddDays(1)));

        Assert.Equal(IndicatorRules.PercentageMessage, refused.Message);
        Assert.Equal(80, indicator.Baseline);
        Assert.Equal(90, indicator.TargetFor(2026));
        Assert.Equal("u", indicator.UpdatedById);
    }

    [Fact]
    public void P90_IsTheNearestRank_WithTiesAndGaps()
    {
        // 12 decisions: 1,2,3,4,5,6,7,8,10,12,16,19 days. 0.9 × 12 = 10.8: the 11th, 16.
        (int, int)[] spread = [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1), (10, 1), (12, 1), (16, 1), (19, 1)];
        // 10 decisions, 9 of them within 3 days: 0.9 × 10 = 9 exactly, reached at 3.
        (int, int)[] tied = [(3, 9), (40, 1)];

        Assert.Equal(16, MeasuredPeriod.NearestRank(spread, 0.9m));
        Assert.Equal(6, MeasuredPeriod.NearestRank(spread, 0.5m));
        Assert.Equal(3, MeasuredPeriod.NearestRank(tied, 0.9m));
        Assert.Equal(0, MeasuredPeriod.NearestRank([(0, 1)], 0.9m));
    }
}
