namespace ServicePublic.Web.Domain.Supervision;

/// <summary>
/// A budget-programme of a ministry (management by results): a few indicators, each with a
/// baseline, yearly targets and the value the portal measures.
/// </summary>
public sealed class Programme
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 200;

    public int Id { get; private set; }
    public int MinistryId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public List<Indicator> Indicators { get; private set; } = [];

    private Programme()
    {
    }

    public Programme(int ministryId, string code, string name)
    {
        MinistryId = ministryId;
        Code = code;
        Name = name;
    }

    public void Rename(string name) => Name = name;
}

/// <summary>What an indicator measures; each is computed by the portal from the same rollups as the room.</summary>
public enum IndicatorKind
{
    /// <summary>% of decisions given within the procedure's target delay (higher is better).</summary>
    DecidedWithinTarget = 1,

    /// <summary>Days with the administration within which 9 decisions in 10 are given (lower is better).</summary>
    P90Days = 2,

    /// <summary>Requests filed online in the year (higher is better).</summary>
    FiledOnline = 3,

    /// <summary>% of decisions that are approvals (higher is better).</summary>
    ApprovalRate = 4,
}

/// <summary>One indicator of a programme: over the whole ministry, or one of its procedures.</summary>
public sealed class Indicator
{
    public int Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public IndicatorKind Kind { get; private set; }

    /// <summary>Null: the whole ministry.</summary>
    public int? ProcedureId { get; private set; }

    public int BaselineYear { get; private set; }
    public decimal? Baseline { get; private set; }

    /// <summary>The yearly targets (2026–2028 to begin with).</summary>
    public List<IndicatorTarget> Targets { get; private set; } = [];

    public DateTimeOffset? UpdatedAt { get; private set; }
    public string? UpdatedById { get; private set; }

    private Indicator()
    {
    }

    public Indicator(IndicatorKind kind, int? procedureId, int baselineYear, decimal? baseline)
    {
        Kind = kind;
        ProcedureId = procedureId;
        BaselineYear = baselineYear;
        Baseline = baseline;
    }

    public decimal? TargetFor(int year) => Targets.FirstOrDefault(t => t.Year == year)?.Value;

    /// <summary>
    /// Sets the baseline, its year and the targets of <see cref="IndicatorRules.TargetYears"/>, all
    /// of them, each checked against the kind's range (<see cref="IndicatorRules.Problem"/>); audited by the caller.
    /// </summary>
    public void Set(int baselineYear, decimal baseline, IReadOnlyDictionary<int, decimal> targets, string userId, DateTimeOffset now)
    {
        if (baselineYear is < IndicatorRules.FirstBaselineYear or > IndicatorRules.LastBaselineYear)
        {
            throw new BusinessRuleException(IndicatorRules.BaselineYearMessage, nameof(baselineYear));
        }
        if (Kind.Problem(baseline) is { } baselineProblem)
        {
            throw new BusinessRuleException(baselineProblem, nameof(baseline));
        }
        foreach (var year in IndicatorRules.TargetYears)
        {
            if (!targets.TryGetValue(year, out var value))
            {
                throw new BusinessRuleException(IndicatorRules.RequiredMessage, nameof(targets));
            }
            if (Kind.Problem(value) is { } targetProblem)
            {
                throw new BusinessRuleException(targetProblem, nameof(targets));
            }
        }
        BaselineYear = baselineYear;
        Baseline = baseline;
        foreach (var (year, value) in targets)
        {
            Targets.RemoveAll(t => t.Year == year);
            Targets.Add(new IndicatorTarget(year, value));
        }
        Targets.Sort((a, b) => a.Year.CompareTo(b.Year));
        UpdatedAt = now;
        UpdatedById = userId;
    }

    /// <summary>
    /// Where the indicator stands on day <paramref name="dayOfYear"/> of <paramref name="year"/>,
    /// given the value the portal measured (null: nothing to measure yet): see <see cref="IndicatorRules.Status"/>.
    /// </summary>
    public IndicatorStatus StatusFor(decimal? actual, int year, int dayOfYear) =>
        IndicatorRules.Status(Kind, Baseline, TargetFor(year), actual, dayOfYear, DateTime.IsLeapYear(year) ? 366 : 365);
}

/// <summary>An indicator's target for one year.</summary>
public sealed record IndicatorTarget(int Year, decimal Value);
