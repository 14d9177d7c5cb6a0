using ServicePublic.Web.Domain.Catalogue;

namespace ServicePublic.Web.Domain.Forms;

public static partial class FormDefinition
{
    /// <summary>
    /// The keys of the fields the applicant sees: those that apply to whom the request is for and
    /// whose condition holds. A field hidden by a condition hides those that depend on it.
    /// </summary>
    public static IReadOnlySet<string> ShownKeys(IReadOnlyList<FormField> fields, FormSubmission submission)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (AppliesTo(field, submission.Applicant) && ConditionHolds(field.ShowWhen, shown, submission))
            {
                shown.Add(field.Key);
            }
        }
        return shown;
    }

    public static bool AppliesTo(FormField field, Audience applicant) => field.AppliesTo switch
    {
        DocumentAudience.Individuals => applicant.Includes(Audience.Individuals),
        DocumentAudience.Companies => applicant.Includes(Audience.Companies),
        _ => true,
    };

    private static bool ConditionHolds(FieldCondition? condition, HashSet<string> shown, FormSubmission submission) =>
        condition is null
        || (shown.Contains(condition.FieldKey)
            && FormSubmission.Choices(submission.Answer(condition.FieldKey))
                .Contains(condition.Value.Trim(), StringComparer.OrdinalIgnoreCase));
}
