namespace ServicePublic.Web.Domain.Forms;

public static partial class FormDefinition
{
    /// <summary>
    /// Whether conditions outside the form (a fee's, an eligibility rule's) can hold, in French:
    /// each must look at a field of the form answered once (not a section, a group or one of its
    /// members, a file), of a type its operator fits, with a value that field can take. Unlike a
    /// field's, they may look at any field of the form, earlier or not.
    /// </summary>
    public static IReadOnlyList<string> ConditionProblems(IReadOnlyList<FieldCondition> conditions, ConditionMatch match, IReadOnlyList<FormField> fields)
    {
        var targets = new Dictionary<string, FormField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            targets.TryAdd(field.Key, field);
        }
        return [.. ConditionProblems(conditions, match, targets, "qui n'est pas un champ du formulaire")];
    }

    // A field's conditions look at earlier fields only: the applicant answers, and sees fields appear, in order.
    private static IEnumerable<string> ConditionProblems(FormField field, IReadOnlyDictionary<string, FormField> earlier) =>
        ConditionProblems(field.ShowWhen is null ? field.Conditions : [field.ShowWhen, .. field.Conditions], field.Match, earlier, "qui n'est pas un champ précédent");

    private static IEnumerable<string> ConditionProblems(IReadOnlyList<FieldCondition> conditions, ConditionMatch match,
        IReadOnlyDictionary<string, FormField> targets, string notATarget)
    {
        if (!Enum.IsDefined(match))
        {
            yield return $"la combinaison {match} est inconnue : « All » (toutes les conditions) ou « Any » (l'une d'elles).";
        }
        foreach (var problem in conditions.Select(c => ProblemOf(c, targets, notATarget)).OfType<string>())
        {
            yield return problem;
        }
    }

    private static string? ProblemOf(FieldCondition condition, IReadOnlyDictionary<string, FormField> targets, string notATarget)
    {
        if (!targets.TryGetValue(condition.FieldKey, out var target))
        {
            return $"la condition porte sur « {condition.FieldKey} », {notATarget}.";
        }
        if (target.Group is not null || target.Type is FieldType.Section or FieldType.Group or FieldType.File)
        {
            return $"une condition ne peut pas porter sur « {target.Key} » : ni sur une section, ni sur un groupe ou l'un de ses champs, ni sur un fichier.";
        }
        // Editors read these in French only, as they read the forms they write.
        return condition.Operator switch
        {
            ConditionOperator.Equals or ConditionOperator.Differs => ValueProblem(condition.Value, target),
            ConditionOperator.Greater or ConditionOperator.Less when target.Type != FieldType.Number =>
                "« supérieur à » et « inférieur à » ne s'appliquent qu'aux nombres.",
            ConditionOperator.Greater or ConditionOperator.Less => NumberProblem(condition.Value),
            ConditionOperator.Before or ConditionOperator.After when target.Type != FieldType.Date =>
                "« avant » et « après » ne s'appliquent qu'aux dates.",
            ConditionOperator.Before or ConditionOperator.After when !FieldChecks.IsDateBound(condition.Value.Trim()) =>
                DateBoundMessage(condition.Value),
            ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty when condition.Value.Length > 0 =>
                "« est vide » et « n'est pas vide » ne prennent pas de valeur.",
            ConditionOperator.Before or ConditionOperator.After or ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty => null,
            _ => $"l'opérateur {condition.Operator} est inconnu.",
        };
    }

    // Equals and Differs compare text (a multiple choice's choices one by one): the value must be one the answer can be.
    private static string? ValueProblem(string value, FormField target) => target.Type switch
    {
        _ when string.IsNullOrWhiteSpace(value) => "la condition a besoin d'une valeur.",
        FieldType.SingleChoice or FieldType.MultipleChoice when !target.Options.Contains(value, StringComparer.OrdinalIgnoreCase) =>
            $"la valeur « {value} » n'est pas une option de « {target.Key} ».",
        FieldType.YesNo when value is not (FieldChecks.Yes or FieldChecks.No) =>
            $"sur une question oui/non, la valeur doit être « {FieldChecks.Yes} » ou « {FieldChecks.No} ».",
        FieldType.Number => NumberProblem(value),
        // The answer's text is compared: "today" would never be typed; Before and After take those.
        FieldType.Date when !FieldChecks.TryParseDate(value.Trim(), out _) =>
            $"« égal à » et « différent de » comparent une date aaaa-mm-jj, pas « {value} » (« avant » et « après » acceptent « {FieldChecks.Today}-30d »).",
        _ => null,
    };

    private static string? NumberProblem(string value) =>
        FieldChecks.TryParseNumber(value, out _) ? null : $"la valeur « {value} » n'est pas un nombre.";
}
