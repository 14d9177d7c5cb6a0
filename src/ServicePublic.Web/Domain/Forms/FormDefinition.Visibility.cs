namespace ServicePublic.Web.Domain.Forms;

public static partial class FormDefinition
{
    /// <summary>
    /// The keys of the fields the applicant sees: those that apply to whom the request is for and
    /// whose conditions hold (<see cref="FormField.ShowWhen"/> and <see cref="FormField.Conditions"/>),
    /// in a section that is shown (and for a group's member, in a group that is shown; its key
    /// stands for all its blocks). A condition counts the answer of a field not shown as empty, so
    /// a field hidden by a condition hides those that depend on it. <paramref name="today"/> resolves
    /// the date bounds of Before and After.
    /// </summary>
    public static IReadOnlySet<string> ShownKeys(IReadOnlyList<FormField> fields, FormSubmission submission, DateOnly today)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var answerOf = ShownAnswerOf(shown, submission);
        var sectionShown = true;
        foreach (var field in fields)
        {
            var holds = AppliesTo(field, submission.Applicant) && ConditionsHold(field, answerOf, today);
            if (field.Type == FieldType.Section)
            {
                sectionShown = holds;
            }
            if (holds && sectionShown && (field.Group is null || shown.Contains(field.Group)))
            {
                shown.Add(field.Key);
            }
        }
        return shown;
    }

    /// <summary>
    /// A submission's answers as conditions see them: trimmed, and null when blank or when their
    /// field is not shown. For conditions outside the form (fees, eligibility rules).
    /// </summary>
    public static Func<string, string?> ShownAnswers(IReadOnlyList<FormField> fields, FormSubmission submission, DateOnly today) =>
        ShownAnswerOf(ShownKeys(fields, submission, today), submission);

    /// <summary>
    /// The message of the first rule whose conditions hold for these answers (a field not shown
    /// counts as empty), or null when the applicant may file. A rule without conditions never holds.
    /// </summary>
    public static string? Refusal(IReadOnlyList<EligibilityRule> rules, IReadOnlyList<FormField> fields, FormSubmission submission, DateOnly today)
    {
        if (rules.Count == 0)
        {
            return null;
        }
        var answerOf = ShownAnswers(fields, submission, today);
        return rules.FirstOrDefault(r => r.Conditions.Count > 0 && FieldCondition.Hold(r.Conditions, r.Match, answerOf, today))?.Message;
    }

    public static bool AppliesTo(FormField field, Audience applicant) => field.AppliesTo switch
    {
        DocumentAudience.Individuals => applicant.Includes(Audience.Individuals),
        DocumentAudience.Companies => applicant.Includes(Audience.Companies),
        _ => true,
    };

    private static Func<string, string?> ShownAnswerOf(IReadOnlySet<string> shown, FormSubmission submission) =>
        key => shown.Contains(key) ? submission.Answer(key) : null;

    private static bool ConditionsHold(FormField field, Func<string, string?> answerOf, DateOnly today) =>
        (field.ShowWhen is not { } showWhen || showWhen.HoldsFor(answerOf(showWhen.FieldKey), today))
        && FieldCondition.Hold(field.Conditions, field.Match, answerOf, today);
}
