namespace ServicePublic.Web.Features.Statistics;

public enum StatisticsLevel
{
    Nation,
    Ministry,
    Procedure,
}

/// <summary>The counts of <c>supervision_daily</c> summed over some days.</summary>
public sealed record Counts(int Filed, int Decided, int Approved, int Withdrawn, int WithTarget, int WithinTarget, int AfterCorrection)
{
    public static readonly Counts Zero = new(0, 0, 0, 0, 0, 0, 0);

    public Counts Plus(Counts other) => new(
        Filed + other.Filed, Decided + other.Decided, Approved + other.Approved, Withdrawn + other.Withdrawn,
        WithTarget + other.WithTarget, WithinTarget + other.WithinTarget, AfterCorrection + other.AfterCorrection);

    /// <summary>Approved among decided (a withdrawal is not a decision).</summary>
    public Rate Approval => new(Approved, Decided);

    /// <summary>Decided within the procedure's target delay, among the decisions that had one.</summary>
    public Rate WithinTargetShare => new(WithinTarget, WithTarget);

    /// <summary>Decisions that waited for a correction from the applicant, among all decisions.</summary>
    public Rate AfterCorrectionShare => new(AfterCorrection, Decided);
}

public sealed record MonthCounts(DateOnly Month, int Filed, int Decided);

/// <summary>
/// One scope's figures: counts and shares over the period's 12 full months, time with the
/// administration and time awaiting the applicant (measures A and W, kept apart), and the chart's
/// months (the current one included).
/// </summary>
public sealed record ScopeFigures(Counts Totals, IReadOnlyList<MonthCounts> Months, Durations WithAdministration, Durations AwaitingApplicant);

/// <summary>A ministry (on the nation's page) or a procedure (on a ministry's page), with its own figures.</summary>
public sealed record ChildFigures(string Key, string Name, Counts Totals, Durations WithAdministration);

public sealed record MinistryName(int Id, string Code, string Acronym, string Name);

public sealed record ProcedureName(int Id, string Slug, string Title);

/// <summary>What a statistics page shows: the nation, a ministry (<see cref="Ministry"/>) or a procedure (and its ministry).</summary>
public sealed record StatisticsPage(
    StatisticsLevel Level,
    MinistryName? Ministry,
    ProcedureName? Procedure,
    StatisticsPeriod Period,
    ScopeFigures Figures,
    IReadOnlyList<ChildFigures> Children);

/// <summary>The announced delay of a procedure beside the one measured over the statistics' period, for its catalogue page.</summary>
public sealed record MeasuredDelay(string Slug, string Announced, Durations WithAdministration)
{
    public const string ViewDataKey = nameof(MeasuredDelay);
}
