using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Domain.Catalogue;

/// <summary>What a procedure says at one version: the part that a request keeps when filed.</summary>
public sealed record ProcedureContent(
    string Title,
    string Summary,
    string Description,
    Audience Audience,
    string? AudienceConditions,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> Steps,
    IReadOnlyList<RequiredDocument> Documents,
    IReadOnlyList<FeeItem> Fees,
    ProcessingTime ProcessingTime,
    string? Validity,
    string? LegalBasis,
    IReadOnlyList<FormField> Form)
{
    /// <summary>When the office turns a request away before it is filed; most procedures have none.</summary>
    public IReadOnlyList<EligibilityRule> Eligibility { get; init; } = [];
}
