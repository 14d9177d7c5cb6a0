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
