using System.Text.Json;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Data.Seeding;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two definitions: in which part, what, and the old and new text when it is a text.</summary>
public sealed record DefinitionChange(string Part, ChangeKind Kind, string What, string? Before = null, string? After = null);

/// <summary>What a publication would change: texts, documents, fees and the form's fields, as a publisher reviews it.</summary>
public static class DefinitionDiff
{
    public static IReadOnlyList<DefinitionChange> Between(ProcedureEntry? before, ProcedureEntry after)
    {
        if (before is null)
        {
            return [new("Fiche", ChangeKind.Added, "Première publication de la démarche")];
        }
        return [.. Texts(before, after), .. Items("Pièces", before.Documents, after.Documents, d => d.Name, d => d.Name),
            .. Items("Frais", before.Fees, after.Fees, f => f.Label, f => f.Label), .. Fields(before.Form, after.Form),
            .. Items("Éligibilité", before.Eligibility ?? [], after.Eligibility ?? [], r => r.Message, r => r.Message)];
    }

    /// <summary>The form's fields added, removed and changed, by key: what an applicant whose draft moved is told.</summary>
    public static IEnumerable<DefinitionChange> Fields(IReadOnlyList<FormField> before, IReadOnlyList<FormField> after) =>
        Items("Formulaire", before, after, f => f.Key, f => $"« {f.Label} » ({f.Key})");

    private static IEnumerable<DefinitionChange> Texts(ProcedureEntry before, ProcedureEntry after)
    {
        var pairs = new (string What, string? Before, string? After)[]
        {
            ("Titre", before.Title, after.Title),
            ("Résumé", before.Summary, after.Summary),
            ("Description", before.Description, after.Description),
            ("Public", before.Audience.ToString(), after.Audience.ToString()),
            ("Précision sur le public", before.AudienceConditions, after.AudienceConditions),
            ("Conditions", Lines(before.Conditions), Lines(after.Conditions)),
            ("Étapes", Lines(before.Steps), Lines(after.Steps)),
            ("Service", before.Office, after.Office),
            ("Catégorie", before.Category, after.Category),
            ("En ligne", before.Online ? "oui" : "non", after.Online ? "oui" : "non"),
            ("Délai", Delay(before.ProcessingTime), Delay(after.ProcessingTime)),
            ("Validité", before.Validity, after.Validity),
            ("Base légale", before.LegalBasis, after.LegalBasis),
        };
        return pairs.Where(p => (p.Before ?? "") != (p.After ?? "")).Select(p => new DefinitionChange("Fiche", ChangeKind.Changed, p.What, p.Before, p.After));
    }

    private static IEnumerable<DefinitionChange> Items<T>(string part, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, string> name)
    {
        var old = before.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
        var now = after.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
        foreach (var item in after.Where(i => !old.ContainsKey(key(i))))
        {
            yield return new(part, ChangeKind.Added, name(item));
        }
        foreach (var item in before.Where(i => !now.ContainsKey(key(i))))
        {
            yield return new(part, ChangeKind.Removed, name(item));
        }
        foreach (var item in after.Where(i => old.TryGetValue(key(i), out var was) && Json(was) != Json(i)))
        {
            yield return new(part, ChangeKind.Changed, name(item), Json(old[key(item)]), Json(item));
        }
        var order = after.Select(key).Where(old.ContainsKey).ToList();
        if (!order.SequenceEqual(before.Select(key).Where(now.ContainsKey)))
        {
            yield return new(part, ChangeKind.Changed, "Ordre");
        }
    }

    private static string Json<T>(T item) => JsonSerializer.Serialize(item, CatalogueFiles.JsonOptions);

    private static string Lines(IReadOnlyList<string> lines) => string.Join("\n", lines);

    private static string Delay(ProcessingTimeEntry time) => $"{time.Text} ({time.MinDays?.ToString() ?? "-"} à {time.MaxDays?.ToString() ?? "-"} jours)";
}
