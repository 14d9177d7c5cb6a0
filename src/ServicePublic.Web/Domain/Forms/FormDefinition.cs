using System.Text.RegularExpressions;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>Rules about a form as a whole: whether its definition holds together, and which fields an applicant sees.</summary>
public static partial class FormDefinition
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyFormat();

    /// <summary>
    /// What is wrong with a form definition, for whoever writes it (seed files, administrators):
    /// empty when the form can be shown and checked as written.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<FormField> fields) => [.. ProblemsByField(fields).Select(p => p.ToString())];

    /// <summary>
    /// The same problems, each with the field it is about, for callers that say where the form is
    /// (a procedure builder shows each next to its field). Messages are in French: editors read them.
    /// </summary>
    public static IReadOnlyList<FormProblem> ProblemsByField(IReadOnlyList<FormField> fields)
    {
        var problems = new List<FormProblem>();
        if (!fields.Any(f => f.Type != FieldType.Section))
        {
            problems.Add(new(null, "Le formulaire ne demande rien : il n'a aucun champ en dehors des sections."));
        }
        var earlier = new Dictionary<string, FormField>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var name = string.IsNullOrEmpty(field.Key) ? $"#{i + 1}" : field.Key;
            problems.AddRange(ProblemsOf(fields, i, earlier).Select(p => new FormProblem(name, p)));
            if (!string.IsNullOrEmpty(field.Key) && !earlier.TryAdd(field.Key, field))
            {
                problems.Add(new(name, "la clé est utilisée deux fois."));
            }
        }
        return problems;
    }

    private static IEnumerable<string> ProblemsOf(IReadOnlyList<FormField> fields, int index, IReadOnlyDictionary<string, FormField> earlier)
    {
        var field = fields[index];
        if (!KeyFormat().IsMatch(field.Key) || field.Key.Length > FormField.KeyMaxLength)
        {
            yield return $"la clé ne peut contenir que des minuscules a-z, des chiffres 0-9 et des « - », {FormField.KeyMaxLength} caractères au plus.";
        }
        if (string.IsNullOrWhiteSpace(field.Label))
        {
            yield return "le libellé est vide.";
        }
        if (!Enum.IsDefined(field.Type))
        {
            yield return $"le type {field.Type} est inconnu.";
        }
        foreach (var problem in SettingProblems(field).Concat(GroupProblems(fields, index)).Concat(ConditionProblems(field, earlier)))
        {
            yield return problem;
        }
    }
}
