using System.Globalization;
using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Data.Seeding;

/// <summary>
/// Whether the seed files hold whole, consistent procedures: what <see cref="FormDefinition"/>
/// checks of a form on its own, plus what ties the form to the rest of its procedure (documents,
/// per-unit fees, the attestation) and the procedure to the ministries and categories. Every
/// problem names where it is, so that whoever edits the files can fix them all in one go.
/// </summary>
public static class CatalogueValidator
{
    /// <summary>Every problem of the procedures, each starting with the file it is in.</summary>
    public static IReadOnlyList<string> Problems(CatalogueFiles reference, IEnumerable<(string File, ProcedureEntry Procedure)> procedures)
    {
        var problems = new List<string>();
        var fileOfSlug = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, procedure) in procedures)
        {
            problems.AddRange(Problems(procedure, reference).Select(p => $"{file}: {p}"));
            if (procedure.Slug is not null && !fileOfSlug.TryAdd(procedure.Slug, file))
            {
                problems.Add($"{file}: procédure « {procedure.Slug} » : le slug est aussi utilisé dans {fileOfSlug[procedure.Slug]}.");
            }
        }
        return problems;
    }

    /// <summary>
    /// What is wrong with one procedure, given the ministries and categories it may name; each
    /// problem starts with « procédure « slug » » and names the field, fee or document it is about.
    /// </summary>
    public static IEnumerable<string> Problems(ProcedureEntry procedure, CatalogueFiles reference) =>
        ProblemsOf(procedure, reference).Select(p => $"procédure « {procedure.Slug} »{Place(p.Where, procedure)} : {p.Message}");

    /// <summary>The same problems, each with where it is, for a procedure builder that shows them next to what they are about.</summary>
    public static IReadOnlyList<EntryProblem> ProblemsOf(ProcedureEntry entry, CatalogueFiles reference)
    {
        // The JSON reader leaves a missing member null; the checks below need them all.
        var missing = MissingMembers(entry).ToList();
        if (missing.Count > 0)
        {
            return [.. missing.Select(m => new EntryProblem(m, "ce membre manque."))];
        }
        return
        [
            .. ReferenceProblems(entry, reference),
            .. FormDefinition.ProblemsByField(entry.Form).Select(p => new EntryProblem(p.Field is null ? "form" : FieldPlace(p.Field), p.Message)),
            .. FeeProblems(entry),
            .. RuleProblems(entry),
            .. DocumentProblems(entry),
            .. AttestationProblems(entry.Form),
        ];
    }

    private static string FieldPlace(string key) => $"field:{key}";

    private static string Place(string? where, ProcedureEntry entry)
    {
        var (kind, id) = where?.Split(':', 2) is [var k, var i] ? (k, i) : (where, "");
        var index = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return kind switch
        {
            null => "",
            "field" => $", champ « {id} »",
            "fee" => $", frais « {entry.Fees[index].Label} »",
            "document" => $", document « {entry.Documents[index].Name} »",
            "rule" => $", règle d'éligibilité n° {index + 1}",
            _ => $", « {where} »",
        };
    }

    private static IEnumerable<string> MissingMembers(ProcedureEntry p) =>
        new (string Name, object? Value)[]
        {
            ("slug", p.Slug), ("title", p.Title), ("summary", p.Summary), ("description", p.Description),
            ("category", p.Category), ("ministry", p.Ministry), ("conditions", p.Conditions), ("steps", p.Steps),
            ("documents", p.Documents), ("fees", p.Fees), ("processingTime", p.ProcessingTime), ("form", p.Form),
        }.Where(m => m.Value is null).Select(m => m.Name);

    private static IEnumerable<EntryProblem> ReferenceProblems(ProcedureEntry procedure, CatalogueFiles reference)
    {
        var ministry = reference.Ministries.FirstOrDefault(m => m.Code == procedure.Ministry);
        if (ministry is null)
        {
            yield return new("ministry", $"le ministère « {procedure.Ministry} » est inconnu.");
        }
        else if (procedure.Office is not null && !ministry.Offices.Any(o => o.Code == procedure.Office))
        {
            yield return new("office", $"le service « {procedure.Office} » est inconnu au {procedure.Ministry}.");
        }
        if (!reference.Categories.Any(c => c.Slug == procedure.Category))
        {
            yield return new("category", $"la catégorie « {procedure.Category} » est inconnue.");
        }
    }

    // A per-unit fee is computed from the applicant's answer to a Number field of the form; a
    // conditional one applies on the form's answers, as an eligibility rule does.
    private static IEnumerable<EntryProblem> FeeProblems(ProcedureEntry procedure)
    {
        for (var i = 0; i < procedure.Fees.Count; i++)
        {
            var fee = procedure.Fees[i];
            var where = $"fee:{i}";
            foreach (var problem in QuantityProblems(fee, procedure.Form).Concat(FormDefinition.ConditionProblems(fee.Conditions, fee.Match, procedure.Form)))
            {
                yield return new(where, problem);
            }
        }
    }

    private static IEnumerable<string> QuantityProblems(FeeItem fee, IReadOnlyList<FormField> form)
    {
        if (fee.Kind != FeeKind.PerUnit)
        {
            if (fee.QuantityField is not null)
            {
                yield return "seuls les frais par unité se calculent sur un champ de quantité.";
            }
            yield break;
        }
        if (fee.QuantityField is not { } key)
        {
            yield return "des frais par unité ont besoin du champ nombre (la quantité) sur lequel ils se calculent.";
            yield break;
        }
        var field = form.FirstOrDefault(f => f.Key == key);
        if (field is null)
        {
            yield return $"le champ de quantité « {key} » n'est pas dans le formulaire.";
        }
        else if (field.Type != FieldType.Number)
        {
            yield return $"le champ de quantité « {key} » doit être un nombre, pas un {field.Type}.";
        }
        else if (field.Group is not null)
        {
            yield return $"le champ de quantité « {key} » fait partie d'un groupe : il a une réponse par bloc, pas une seule.";
        }
    }

    // A rule refuses only when its conditions hold: it needs some, on fields of the form, and words for the applicant.
    private static IEnumerable<EntryProblem> RuleProblems(ProcedureEntry entry)
    {
        var rules = entry.Eligibility ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var where = $"rule:{i}";
            var rule = rules[i];
            if (rule.Conditions.Count == 0)
            {
                yield return new(where, "une règle d'éligibilité a besoin d'au moins une condition.");
            }
            if (string.IsNullOrWhiteSpace(rule.Message))
            {
                yield return new(where, "le message de refus est vide.");
            }
            else if (rule.Message.Length > EligibilityRule.MessageMaxLength)
            {
                yield return new(where, $"le message de refus dépasse {EligibilityRule.MessageMaxLength} caractères.");
            }
            foreach (var problem in FormDefinition.ConditionProblems(rule.Conditions, rule.Match, entry.Form))
            {
                yield return new(where, problem);
            }
        }
    }

    // The page lists the documents and the form asks for them: one upload per document, alike.
    private static IEnumerable<EntryProblem> DocumentProblems(ProcedureEntry procedure)
    {
        var uploads = procedure.Form.Where(f => f.Type == FieldType.File).ToList();
        for (var i = 0; i < procedure.Documents.Count; i++)
        {
            var document = procedure.Documents[i];
            var fields = uploads.Where(f => f.DocumentName == document.Name).ToList();
            if (fields.Count != 1)
            {
                yield return new($"document:{i}", $"{fields.Count} champs fichier le représentent au lieu d'un seul.");
            }
            else if (fields[0].Required != document.Required || fields[0].AppliesTo != document.AppliesTo)
            {
                yield return new(FieldPlace(fields[0].Key), $"« obligatoire » et le public doivent être ceux du document « {document.Name} ».");
            }
        }
        foreach (var upload in uploads.Where(f => f.DocumentName is not null && procedure.Documents.All(d => d.Name != f.DocumentName)))
        {
            yield return new(FieldPlace(upload.Key), $"le document « {upload.DocumentName} » n'est pas un des documents de la procédure.");
        }
    }

    private static IEnumerable<EntryProblem> AttestationProblems(IReadOnlyList<FormField> form)
    {
        if (form.Count == 0 || form[^1] is not { Key: FormConventions.AttestationKey, Type: FieldType.YesNo, Required: true } last
            || !FieldChecks.IsConfirmation(last))
        {
            yield return new("form", $"le formulaire doit se terminer par l'attestation : clé « {FormConventions.AttestationKey} », une question oui/non obligatoire avec les options [\"{FieldChecks.Yes}\"].");
        }
    }
}
