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

    // Whether a field's condition can ever hold: it must name an earlier field, and a value that field can take.
    private static IEnumerable<string> ConditionProblems(FormField field, IReadOnlyDictionary<string, FormField> earlier)
    {
        if (field.ShowWhen is not { } condition)
        {
            yield break;
        }
        if (!earlier.TryGetValue(condition.FieldKey, out var target))
        {
            yield return $"la condition porte sur « {condition.FieldKey} », qui n'est pas un champ précédent.";
            yield break;
        }
        if (target.Type is FieldType.Section or FieldType.File)
        {
            yield return $"une condition ne peut pas porter sur « {target.Key} » : ni une section, ni un fichier.";
        }
        else if (string.IsNullOrWhiteSpace(condition.Value))
        {
            yield return "la condition a besoin d'une valeur.";
        }
        else if (target.Type is FieldType.SingleChoice or FieldType.MultipleChoice
            && !target.Options.Contains(condition.Value, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"la valeur « {condition.Value} » n'est pas une option de « {target.Key} ».";
        }
        else if (target.Type == FieldType.YesNo && condition.Value is not (FieldChecks.Yes or FieldChecks.No))
        {
            yield return $"sur une question oui/non, la valeur doit être « {FieldChecks.Yes} » ou « {FieldChecks.No} ».";
        }
    }
}
