using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

/// <summary>
/// Changes to a definition's form that keep its shape: the fields the editor writes first, then
/// the "Pièces justificatives" section with one upload per document, then the attestation. Keys
/// are made once, from the label, and never follow a later change of label.
/// </summary>
public static class FormEditing
{
    /// <summary>The fields an editor arranges: all but the documents' uploads, their section and the attestation.</summary>
    public static bool IsWritten(FormField field) =>
        field.Type != FieldType.File && field.Key is not (FormConventions.DocumentsSectionKey or FormConventions.AttestationKey);

    public static (ProcedureEntry Entry, string Key) Add(ProcedureEntry entry, FieldType type, string label)
    {
        var key = UniqueKey(entry.Form, label);
        var field = new FormField { Key = key, Label = label.Trim(), Type = type };
        if (type is FieldType.SingleChoice or FieldType.MultipleChoice)
        {
            field.Options = ["Option 1", "Option 2"];
        }
        var written = entry.Form.Where(IsWritten).Append(field);
        return (entry with { Form = Rebuild(written, entry) }, key);
    }

    public static ProcedureEntry Move(ProcedureEntry entry, string key, int by)
    {
        var written = entry.Form.Where(IsWritten).ToList();
        var at = written.FindIndex(f => f.Key == key);
        var to = at + by;
        if (at < 0 || to < 0 || to >= written.Count)
        {
            return entry;
        }
        (written[at], written[to]) = (written[to], written[at]);
        return entry with { Form = Rebuild(written, entry) };
    }

    public static ProcedureEntry Remove(ProcedureEntry entry, string key) =>
        entry with { Form = Rebuild(entry.Form.Where(f => IsWritten(f) && f.Key != key), entry) };

    /// <summary>The documents changed: one upload each, keeping the key of a document already asked for.</summary>
    public static ProcedureEntry WithDocuments(ProcedureEntry entry, IReadOnlyList<RequiredDocument> documents)
    {
        var changed = entry with { Documents = documents };
        return changed with { Form = Rebuild(entry.Form.Where(IsWritten), changed) };
    }

    private static List<FormField> Rebuild(IEnumerable<FormField> written, ProcedureEntry entry)
    {
        var fields = written.ToList();
        var keys = entry.Form.Where(f => f.Type == FieldType.File && f.DocumentName is not null)
            .GroupBy(f => f.DocumentName!).ToDictionary(g => g.Key, g => g.First().Key);
        foreach (var upload in FormConventions.DocumentFields(entry.Documents))
        {
            if (upload.DocumentName is { } name && keys.TryGetValue(name, out var kept))
            {
                upload.Key = kept;
            }
            fields.Add(upload);
        }
        fields.Add(entry.Form.FirstOrDefault(f => f.Key == FormConventions.AttestationKey) ?? FormConventions.Attestation());
        return fields;
    }

    private static string UniqueKey(IEnumerable<FormField> form, string label)
    {
        var taken = form.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var stem = FormConventions.KeyFor(label, FormField.KeyMaxLength - 3);
        var key = stem;
        for (var n = 2; !taken.Add(key); n++)
        {
            key = $"{stem}-{n}";
        }
        return key;
    }
}
