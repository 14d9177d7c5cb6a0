namespace ServicePublic.Web.Domain.Forms;

public static partial class FormDefinition
{
    // Whether each setting of a field fits its type, and its values one another.
    private static IEnumerable<string> SettingProblems(FormField field)
    {
        var type = field.Type;
        var isText = type is FieldType.ShortText or FieldType.LongText;
        var isChoice = type is FieldType.SingleChoice or FieldType.MultipleChoice;
        if (type == FieldType.Section && field.Required)
        {
            yield return "une section ne peut pas être obligatoire.";
        }
        if (type != FieldType.Number && (field.Unit is not null || field.Min is not null || field.Max is not null))
        {
            yield return "l'unité, le minimum et le maximum ne s'appliquent qu'aux nombres.";
        }
        if (field.Min > field.Max)
        {
            yield return "le minimum est supérieur au maximum.";
        }
        foreach (var problem in DateBoundProblems(field))
        {
            yield return problem;
        }
        if (!isText && (field.MinLength is not null || field.MaxLength is not null))
        {
            yield return "les longueurs minimale et maximale ne s'appliquent qu'aux textes.";
        }
        if (field.MinLength < 0 || field.MaxLength < 1 || field.MinLength > field.MaxLength)
        {
            yield return "les longueurs doivent vérifier 0 ≤ minimale ≤ maximale, avec une maximale d'au moins 1.";
        }
        if (field.Pattern is not null)
        {
            foreach (var problem in PatternProblems(field))
            {
                yield return problem;
            }
        }
        foreach (var problem in OptionProblems(field, isChoice))
        {
            yield return problem;
        }
        if (type == FieldType.File && string.IsNullOrWhiteSpace(field.DocumentName))
        {
            yield return "un champ fichier a besoin du nom du document qu'il représente.";
        }
        if (type != FieldType.File && field.DocumentName is not null)
        {
            yield return "le nom de document ne s'applique qu'aux champs fichier.";
        }
        if (!Enum.IsDefined(field.AppliesTo))
        {
            yield return $"le public {field.AppliesTo} est inconnu.";
        }
    }

    private static IEnumerable<string> DateBoundProblems(FormField field)
    {
        if (field.Type != FieldType.Date && (field.MinDate is not null || field.MaxDate is not null))
        {
            yield return "les dates minimale et maximale ne s'appliquent qu'aux dates.";
        }
        foreach (var bound in new[] { field.MinDate, field.MaxDate }.OfType<string>().Where(b => !FieldChecks.IsDateBound(b)))
        {
            yield return DateBoundMessage(bound);
        }
        // Bounds that move with the day ("today-10d") are compared on two days far apart: the
        // problem is a minimum after the maximum whatever the day.
        if (new DateOnly[] { new(2000, 1, 1), new(2100, 1, 1) }.All(day => FieldChecks.TryResolveDate(field.MinDate, day, out var min)
            && FieldChecks.TryResolveDate(field.MaxDate, day, out var max) && min > max))
        {
            yield return "la date minimale est postérieure à la date maximale.";
        }
    }

    private static IEnumerable<string> PatternProblems(FormField field)
    {
        if (field.Type != FieldType.ShortText)
        {
            yield return "un format (expression régulière) ne s'applique qu'aux textes courts.";
            yield break;
        }
        string? error = null;
        try
        {
            FieldChecks.Pattern(field.Pattern!);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            error = e.Message;
        }
        if (error is not null)
        {
            yield return $"le format n'est pas une expression régulière utilisable (sans références arrière ni assertions) : {error}";
        }
    }

    private static IEnumerable<string> OptionProblems(FormField field, bool isChoice)
    {
        if (isChoice)
        {
            if (field.Options.Count < 2)
            {
                yield return "une liste de choix a besoin d'au moins deux options.";
            }
            if (field.Options.Any(o => string.IsNullOrWhiteSpace(o) || o != o.Trim() || o.Contains(FormSubmission.ChoiceSeparator)))
            {
                yield return "les options doivent être non vides, sans espaces autour ni retour à la ligne.";
            }
            if (field.Options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != field.Options.Count)
            {
                yield return "les options doivent être différentes les unes des autres.";
            }
        }
        else if (field.Type == FieldType.YesNo)
        {
            if (field.Options.Count > 0 && !FieldChecks.IsConfirmation(field))
            {
                yield return $"une question oui/non n'a pas d'options, ou seulement [\"{FieldChecks.Yes}\"] pour une case à cocher.";
            }
        }
        else if (field.Options.Count > 0)
        {
            yield return "les options ne s'appliquent qu'aux listes de choix.";
        }
    }

    private static string DateBoundMessage(string bound) =>
        $"« {bound} » n'est pas une date : aaaa-mm-jj, « {FieldChecks.Today} », ou « {FieldChecks.Today}-30d », « {FieldChecks.Today}+30d » (en jours).";
}
