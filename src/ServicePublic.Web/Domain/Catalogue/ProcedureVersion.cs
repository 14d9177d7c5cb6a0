using System.Linq.Expressions;

using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Domain.Catalogue;

/// <summary>A procedure's content at one point in time. Only one version per procedure is current.</summary>
public sealed class ProcedureVersion
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 500;
    public const int ShortTextMaxLength = 300;

    public int Id { get; private set; }
    public int ProcedureId { get; private set; }
    public Procedure Procedure { get; private set; } = null!;
    public int Number { get; private set; }
    public bool IsCurrent { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public string ContentHash { get; private set; } = "";

    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Audience Audience { get; private set; }
    public string? AudienceConditions { get; private set; }
    public List<string> Conditions { get; private set; } = [];
    public List<string> Steps { get; private set; } = [];
    public List<RequiredDocument> Documents { get; private set; } = [];
    public List<FeeItem> Fees { get; private set; } = [];
    public ProcessingTime ProcessingTime { get; private set; } = new();
    public string? Validity { get; private set; }
    public string? LegalBasis { get; private set; }

    /// <summary>What the applicant fills in: typed fields, then one upload per document, then the attestation.</summary>
    public List<FormField> Form { get; private set; } = [];

    /// <summary>When the office turns a request away before it is filed (see <see cref="FormDefinition.Refusal"/>); null reads as none.</summary>
    public List<EligibilityRule> Eligibility { get; private set => field = value ?? []; } = [];

    /// <summary>Documents, ministry, office and category names: searched with a lower weight.</summary>
    public string SearchText { get; private set; } = "";

    private ProcedureVersion()
    {
    }

    internal ProcedureVersion(Procedure procedure, int number, ProcedureContent content, string searchText, string contentHash, DateTimeOffset now)
    {
        Procedure = procedure;
        Number = number;
        IsCurrent = true;
        PublishedAt = now;
        ContentHash = contentHash;
        SearchText = searchText;
        Title = content.Title;
        Summary = content.Summary;
        Description = content.Description;
        Audience = content.Audience;
        AudienceConditions = content.AudienceConditions;
        Conditions = [.. content.Conditions];
        Steps = [.. content.Steps];
        Documents = [.. content.Documents];
        Fees = [.. content.Fees];
        ProcessingTime = content.ProcessingTime;
        Validity = content.Validity;
        LegalBasis = content.LegalBasis;
        Form = [.. content.Form];
        Eligibility = [.. content.Eligibility];
    }

    internal void Retire() => IsCurrent = false;

    /// <summary><see cref="Procedure.TargetDays"/> as a database expression: the published delay, else the supervisor's.</summary>
    public static readonly Expression<Func<ProcedureVersion, int?>> TargetDaysQuery =
        v => v.ProcessingTime.MaxDays ?? v.ProcessingTime.MinDays ?? v.Procedure.TargetDelayDays;

    /// <summary>A new request starts only on the current version of a procedure that can be filed online.</summary>
    public bool CanBeFiledOnline => IsCurrent && Procedure.CanBeFiledOnline;

    /// <summary>What a clerk may ask the applicant to correct: every answer and document, not the section titles. (A method: EF would take a property for a navigation.)</summary>
    public IEnumerable<FormField> CorrectableFields() => Form.Where(f => f.Type != FieldType.Section);

    /// <summary>The keys asked for that this version's form can correct, each once, in the order asked.</summary>
    public IReadOnlyList<string> CorrectableKeys(IEnumerable<string> asked)
    {
        var known = CorrectableFields().Select(f => f.Key).ToHashSet();
        return [.. asked.Where(known.Contains).Distinct()];
    }

    /// <summary><see cref="FeeTotals.FlatTotal"/> of this version's fees.</summary>
    public long FlatTotal => FeeTotals.FlatTotal(Fees);

    /// <summary><see cref="FeeTotals.IsExact"/> for this version's fees.</summary>
    public bool FlatTotalIsExact => FeeTotals.IsExact(Fees);

    public bool IsFree => FeeTotals.IsFree(Fees);
}
