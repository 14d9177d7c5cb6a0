using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

public sealed record TargetsMinistry(int Id, string Code, string Name);

/// <summary>The year to date the actual values cover: 1 January to today included, in Lomé (UTC+0).</summary>
public sealed record TargetsPeriod(DateOnly Through)
{
    public int Year => Through.Year;
    public DateOnly From => new(Year, 1, 1);
    public int DayOfYear => Through.DayOfYear;
    public int DaysInYear => DateTime.IsLeapYear(Year) ? 366 : 365;

    public static TargetsPeriod At(DateTimeOffset now) => new(DateOnly.FromDateTime(now.UtcDateTime));
}

/// <summary>A procedure and its target delay: the published one, else the one a supervisor set (or none yet).</summary>
public sealed record ProcedureDelay(int Id, string Slug, string Title, int? PublishedDays, int? SetDays);

/// <summary>One indicator as the page shows it: what it covers (a procedure's title; null, the whole ministry), its actual value this year and its status.</summary>
public sealed record IndicatorLine(Indicator Indicator, string ProgrammeCode, string? Scope, Measure Actual, IndicatorStatus Status, TargetsPeriod Period)
{
    public decimal? Target => Indicator.TargetFor(Period.Year);

    /// <summary>For a yearly count: the year's target pro-rated to today, what the status compares with.</summary>
    public decimal? TargetToDate => Indicator.Kind.IsYearlyCount() && Target is { } target
        ? Math.Round(target * Period.DayOfYear / Period.DaysInYear, 0, MidpointRounding.AwayFromZero)
        : null;
}

public sealed record ProgrammeBlock(Programme Programme, IReadOnlyList<IndicatorLine> Indicators);

/// <summary>A ministry's programmes with their indicators measured over the period.</summary>
public sealed record MinistryTargets(TargetsMinistry Ministry, IReadOnlyList<ProgrammeBlock> Programmes)
{
    public IEnumerable<IndicatorLine> Indicators => Programmes.SelectMany(p => p.Indicators);
}

/// <summary>A target delay as typed into a procedure's row, kept to show it back with its message.</summary>
public sealed record DelayAttempt(string Slug, string? Days);

/// <summary>
/// One ministry's targets page. <see cref="Ministry"/> is null for a supervisor no ministry was
/// given to; <see cref="ChoosesMinistry"/> when the reader is an administrator (links keep the ministry).
/// </summary>
public sealed record TargetsPage(
    TargetsPeriod Period,
    MinistryTargets? Ministry,
    IReadOnlyList<ProcedureDelay> Delays,
    bool ChoosesMinistry,
    DelayAttempt? Attempt = null);

/// <summary>Every ministry side by side, for administrators.</summary>
public sealed record TargetsOverview(TargetsPeriod Period, IReadOnlyList<MinistryTargets> Ministries);

/// <summary>The form of one indicator: where it belongs, what it measures, and the values shown (as typed after a refusal).</summary>
public sealed record IndicatorEditPage(TargetsMinistry Ministry, Programme Programme, Indicator Indicator, string? Scope, IndicatorForm Form)
{
    /// <summary>Back to the ministry's targets, at this indicator.</summary>
    public string BackUrl => SupervisionPaths.TargetsOf(Ministry.Code) + "#indicateur-" + Indicator.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
