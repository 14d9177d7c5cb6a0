using System.Globalization;
using System.Text;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// What every procedure's form shares, whoever writes it (seed files, a procedure builder): one
/// upload per document in a "Pièces justificatives" section, keyed from the document's name, and
/// the attestation last.
/// </summary>
public static class FormConventions
{
    public const string DocumentsSectionKey = "pieces-justificatives";
    public const string AttestationKey = "attestation";
    public const string DocumentKeyPrefix = "piece-";

    /// <summary>A "Pièces justificatives" section, then one File field per document, keyed from its name.</summary>
    public static IEnumerable<FormField> DocumentFields(IReadOnlyList<RequiredDocument> documents)
    {
        if (documents.Count == 0)
        {
            yield break;
        }
        yield return Fields.Section(DocumentsSectionKey, "Pièces justificatives");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var stem = DocumentKeyPrefix + KeyFor(document.Name, FormField.KeyMaxLength - DocumentKeyPrefix.Length - 3);
            var key = stem;
            for (var n = 2; !keys.Add(key); n++)
            {
                key = $"{stem}-{n}";
            }
            yield return new FormField
            {
                Key = key,
                Label = document.Name,
                Type = FieldType.File,
                Required = document.Required,
                Help = document.Note,
                DocumentName = document.Name,
                AppliesTo = document.AppliesTo,
            };
        }
    }

    /// <summary>The box every applicant ticks last.</summary>
    public static FormField Attestation() => new()
    {
        Key = AttestationKey,
        Label = "J'atteste sur l'honneur l'exactitude des informations fournies",
        Type = FieldType.YesNo,
        Required = true,
        Options = [FieldChecks.Yes],
    };

    /// <summary>"Extrait du RCCM de moins de 3 mois" → "extrait-du-rccm-de-moins-de-3-mois", cut at a word.</summary>
    public static string KeyFor(string text, int maxLength = FormField.KeyMaxLength)
    {
        var key = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (key.Length > 0 && key[^1] != '-')
            {
                key.Append('-');
            }
        }
        var result = key.ToString().Trim('-');
        if (result.Length > maxLength)
        {
            var cut = result.LastIndexOf('-', maxLength);
            result = result[..(cut > 0 ? cut : maxLength)].Trim('-');
        }
        return result.Length > 0 ? result : "document";
    }
}
