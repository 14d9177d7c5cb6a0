namespace ServicePublic.Web.Domain.Supervision;

/// <summary>Where an indicator stands against its target for the year.</summary>
public enum IndicatorStatus
{
    /// <summary>No target for the year: nothing to compare with.</summary>
    NoTarget,

    /// <summary>Nothing measured yet (no decision this year): no number is made up.</summary>
    NotMeasured,

    OnTrack,
    AtRisk,
    OffTrack,
}

/// <summary>
/// What each kind of indicator accepts as a baseline or target, which way is better, and the
/// status rule the targets page states in words.
/// </summary>
public static class IndicatorRules
{
    public const int FirstTargetYear = 2026;
    public const int LastTargetYear = 2028;
    public const int FirstBaselineYear = 2000;
    public const int LastBaselineYear = LastTargetYear;

    /// <summary>The longest delay a target may give, in days (ten years).</summary>
    public const int MaxDays = 3650;

    /// <summary>More requests in a year than any ministry receives: a typing slip, not a target.</summary>
    public const int MaxCount = 10_000_000;

    /// <summary>At risk: short of the target by no more than this share of the way from the baseline to it.</summary>
    public const decimal AtRiskShare = 0.10m;

    public const string RequiredMessage = "Saisissez une valeur.";
    public const string BaselineYearMessage = "Saisissez une année de référence entre 2000 et 2028.";
    public const string NegativeMessage = "La valeur ne peut pas être négative.";
    public const string PercentageMessage = "Un pourcentage ne peut pas dépasser 100.";
    public const string DaysMessage = "Un délai ne peut pas dépasser 3650 jours.";
    public const string CountMessage = "Le nombre de demandes ne peut pas dépasser 10 000 000.";
    public const string WholeMessage = "Saisissez un nombre entier.";
    public const string DecimalsMessage = "Saisissez au plus deux chiffres après la virgule.";

    /// <summary>The years a target is set for (2026–2028 to begin with).</summary>
    public static IReadOnlyList<int> TargetYears { get; } = [.. Enumerable.Range(FirstTargetYear, LastTargetYear - FirstTargetYear + 1)];

    /// <summary>p90 days: the fewer the better. Every other kind: the more the better.</summary>
    public static bool LowerIsBetter(this IndicatorKind kind) => kind == IndicatorKind.P90Days;

    /// <summary>A count over the year, compared with the target pro-rated to the day (the others are rates or delays, compared as they are).</summary>
    public static bool IsYearlyCount(this IndicatorKind kind) => kind == IndicatorKind.FiledOnline;

    public static bool IsPercentage(this IndicatorKind kind) => kind is IndicatorKind.DecidedWithinTarget or IndicatorKind.ApprovalRate;

    /// <summary>What is wrong with <paramref name="value"/> as a baseline or target of this kind (French), or null when it fits.</summary>
    public static string? Problem(this IndicatorKind kind, decimal value)
    {
        if (value < 0)
        {
            return NegativeMessage;
        }
        if (kind.IsPercentage())
        {
            return value > 100 ? PercentageMessage : decimal.Round(value, 2) != value ? DecimalsMessage : null;
        }
        if (decimal.Truncate(value) != value)
        {
            return WholeMessage;
        }
        return kind == IndicatorKind.P90Days
            ? value > MaxDays ? DaysMessage : null
            : value > MaxCount ? CountMessage : null;
    }

    /// <summary>
    /// The status rule. A rate or a p90 is compared with the year's target; a count of the year
    /// with the target pro-rated to the day (<paramref name="dayOfYear"/> of <paramref name="daysInYear"/>,
    /// the baseline likewise). Met or beaten (in the kind's direction): on track. Short by no more
    /// than 10 % of the way from the baseline to the target (10 % of the target when there is no
    /// way to go: no baseline, or a baseline equal to the target): at risk. Shorter: off track.
    /// No target for the year, or nothing measured: said so, never guessed.
    /// </summary>
    public static IndicatorStatus Status(IndicatorKind kind, decimal? baseline, decimal? target, decimal? actual, int dayOfYear, int daysInYear)
    {
        if (target is not { } goal)
        {
            return IndicatorStatus.NoTarget;
        }
        if (actual is not { } measured)
        {
            return IndicatorStatus.NotMeasured;
        }
        var start = baseline ?? goal;
        if (kind.IsYearlyCount())
        {
            // Scaled by the year's length rather than divided by it, so boundaries stay exact.
            measured *= daysInYear;
            goal *= dayOfYear;
            start *= dayOfYear;
        }
        var shortfall = kind.LowerIsBetter() ? measured - goal : goal - measured;
        if (shortfall <= 0)
        {
            return IndicatorStatus.OnTrack;
        }
        var way = Math.Abs(goal - start);
        var margin = (way > 0 ? way : Math.Abs(goal)) * AtRiskShare;
        return shortfall <= margin ? IndicatorStatus.AtRisk : IndicatorStatus.OffTrack;
    }
}
