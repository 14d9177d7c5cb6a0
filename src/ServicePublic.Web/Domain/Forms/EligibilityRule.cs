namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// A case in which the office turns a request away before it is filed: when the conditions hold
/// (on the form's answers), the applicant reads <see cref="Message"/>, e.g. "La recherche minière
/// est suspendue depuis mai 2025." See <see cref="FormDefinition.Refusal"/>.
/// </summary>
public sealed class EligibilityRule
{
    public const int MessageMaxLength = 500;

    /// <summary>At least one; null reads as none (as a field's conditions do).</summary>
    public List<FieldCondition> Conditions { get; set => field = value ?? []; } = [];

    public ConditionMatch Match { get; set; }

    /// <summary>The office's words, in French.</summary>
    public string Message { get; set; } = "";
}
