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
                problems.Add($"{file}: procedure '{procedure.Slug}': the slug is also used in {fileOfSlug[procedure.Slug]}.");
            }
        }
        return problems;
    }

    /// <summary>
    /// What is wrong with one procedure, given the ministries and categories it may name; each
    /// problem starts with "procedure '<c>slug</c>'" and names the field, fee or document it is about.
    /// </summary>
    public static IEnumerable<string> Problems(ProcedureEntry procedure, CatalogueFiles reference)
    {
        var where = $"procedure '{procedure.Slug}'";
        // The JSON reader leaves a missing member null; the checks below need them all.
        var missing = MissingMembers(procedure).ToList();
        if (missing.Count > 0)
        {
            return [$"{where}: missing {string.Join(", ", missing.Select(m => $"\"{m}\""))}."];
        }
        return ReferenceProblems(procedure, reference).Select(p => $"{where}: {p}")
            .Concat(FormDefinition.ProblemsByField(procedure.Form)
                .Select(p => p.Field is null ? $"{where}: {p.Message}" : $"{where}, field {p.Field}: {p.Message}"))
            .Concat(FeeProblems(procedure).Select(p => $"{where}, {p}"))
            .Concat(DocumentProblems(procedure).Select(p => $"{where}, {p}"))
            .Concat(AttestationProblems(procedure.Form).Select(p => $"{where}: {p}"));
    }

    private static IEnumerable<string> MissingMembers(ProcedureEntry p) =>
        new (string Name, object? Value)[]
        {
            ("slug", p.Slug), ("title", p.Title), ("summary", p.Summary), ("description", p.Description),
            ("category", p.Category), ("ministry", p.Ministry), ("conditions", p.Conditions), ("steps", p.Steps),
            ("documents", p.Documents), ("fees", p.Fees), ("processingTime", p.ProcessingTime), ("form", p.Form),
        }.Where(m => m.Value is null).Select(m => m.Name);

    private static IEnumerable<string> ReferenceProblems(ProcedureEntry procedure, CatalogueFiles reference)
    {
        var ministry = reference.Ministries.FirstOrDefault(m => m.Code == procedure.Ministry);
        if (ministry is null)
        {
            yield return $"unknown ministry '{procedure.Ministry}'.";
        }
        else if (procedure.Office is not null && !ministry.Offices.Any(o => o.Code == procedure.Office))
        {
            yield return $"unknown office '{procedure.Office}' of {procedure.Ministry}.";
        }
        if (!reference.Categories.Any(c => c.Slug == procedure.Category))
        {
            yield return $"unknown category '{procedure.Category}'.";
        }
    }

    // A per-unit fee is computed from the applicant's answer to a Number field of the form.
    private static IEnumerable<string> FeeProblems(ProcedureEntry procedure)
    {
        foreach (var fee in procedure.Fees)
        {
            if (fee.Kind != FeeKind.PerUnit)
            {
                if (fee.QuantityField is not null)
                {
                    yield return $"fee '{fee.Label}': quantityField is for PerUnit fees.";
                }
                continue;
            }
            if (fee.QuantityField is not { } key)
            {
                yield return $"fee '{fee.Label}': a PerUnit fee needs a quantityField, the key of the Number field it is charged on.";
                continue;
            }
            var field = procedure.Form.FirstOrDefault(f => f.Key == key);
            if (field is null)
            {
                yield return $"field '{key}': fee '{fee.Label}' is charged on it, but the form has no such field.";
            }
            else if (field.Type != FieldType.Number)
            {
                yield return $"field '{key}': fee '{fee.Label}' is charged on it, so it must be a Number, not a {field.Type}.";
            }
        }
    }

    // The page lists the documents and the form asks for them: one upload per document, alike.
    private static IEnumerable<string> DocumentProblems(ProcedureEntry procedure)
    {
        var uploads = procedure.Form.Where(f => f.Type == FieldType.File).ToList();
        foreach (var document in procedure.Documents)
        {
            var fields = uploads.Where(f => f.DocumentName == document.Name).ToList();
            if (fields.Count != 1)
            {
                yield return $"document '{document.Name}': {fields.Count} File fields stand for it instead of one.";
            }
            else if (fields[0].Required != document.Required || fields[0].AppliesTo != document.AppliesTo)
            {
                yield return $"field '{fields[0].Key}': required and appliesTo must be those of document '{document.Name}'.";
            }
        }
        foreach (var upload in uploads.Where(f => f.DocumentName is not null && procedure.Documents.All(d => d.Name != f.DocumentName)))
        {
            yield return $"field '{upload.Key}': documentName '{upload.DocumentName}' is not one of the procedure's documents.";
        }
    }

    private static IEnumerable<string> AttestationProblems(IReadOnlyList<FormField> form)
    {
        if (form.Count == 0 || form[^1] is not { Key: FormConventions.AttestationKey, Type: FieldType.YesNo, Required: true } last
            || !FieldChecks.IsConfirmation(last))
        {
            yield return $"the form must end with the attestation: key '{FormConventions.AttestationKey}', a required YesNo with options [\"{FieldChecks.Yes}\"].";
        }
    }
}
