using System.Globalization;
using System.Text;
using ServicePublic.Web.Domain.Catalogue;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// The form a procedure gets when its seed entry writes none: "Votre demande" (what its category
/// needs to know, and the quantity its per-unit fee is charged on), then one upload per
/// document, then the attestation.
/// </summary>
public static partial class DefaultForms
{
    public const string RequestSectionKey = "votre-demande";
    public const string DocumentsSectionKey = "pieces-justificatives";
    public const string AttestationKey = "attestation";
    public const string DocumentKeyPrefix = "piece-";

    public static List<FormField> For(ProcedureContent content, string slug, string category)
    {
        var asked = CategoryFields(category, slug, content).ToList();
        var fields = new List<FormField> { Section(RequestSectionKey, "Votre demande") };
        // A business's name and NIF are in its profile; what it wants is not.
        if (content.Audience != Audience.Individuals && !asked.Any(f => f.Type == FieldType.LongText))
        {
            fields.Add(LongText("objet", "Objet de la demande").WithHelp("En quelques lignes : ce que vous demandez et pour quel usage."));
        }
        if (IsAboutAnExistingTitle(slug))
        {
            fields.Add(Text("reference-precedente", "Numéro du titre ou du document concerné", required: false));
        }
        fields.AddRange(asked);
        fields.AddRange(QuantityFields(content.Fees).Where(q => fields.TrueForAll(f => f.Key != q.Key)));
        if (fields.Count == 1)
        {
            fields.Add(LongText("objet", "Objet de la demande"));
        }
        fields.AddRange(DocumentFields(content.Documents));
        fields.Add(Attestation());
        return fields;
    }

    private static IEnumerable<FormField> CategoryFields(string category, string slug, ProcedureContent content) => category switch
    {
        "etat-civil-nationalite" => CivilStatus(slug),
        "identite-voyage" => Identity(slug),
        "justice" => Justice(slug),
        "sante" => Health(slug),
        "education-diplomes" => Education(slug),
        "travail-emploi" => Work(slug),
        "transports" => Transport(slug),
        "creation-vie-entreprise" => Company(slug),
        "commerce-import-export" => Trade(),
        "mines-carrieres" => Mining(slug),
        "electricite-energie" => Electricity(slug),
        "hydrocarbures" => Petroleum(slug),
        "communications-electroniques" => Telecoms(slug),
        "urbanisme-foncier" => Land(slug),
        "impots-taxes" => Taxes(slug, content.Audience),
        "agriculture-elevage" => Farming(slug),
        "environnement" => Environment(slug),
        _ => [],
    };

    /// <summary>A "Pièces justificatives" section, then one File field per document, keyed from its name.</summary>
    public static IEnumerable<FormField> DocumentFields(IReadOnlyList<RequiredDocument> documents)
    {
        if (documents.Count == 0)
        {
            yield break;
        }
        yield return Section(DocumentsSectionKey, "Pièces justificatives");
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

    private static bool IsAboutAnExistingTitle(string slug) =>
        slug.StartsWith("renouvellement-", StringComparison.Ordinal)
        || slug.StartsWith("duplicata-", StringComparison.Ordinal)
        || slug.StartsWith("cession-", StringComparison.Ordinal)
        || slug.StartsWith("modification-renouvellement-", StringComparison.Ordinal)
        || slug.StartsWith("modification-assignation-", StringComparison.Ordinal);

    /// <summary>The quantity a per-unit fee is charged on (km², m³, trucks...), so the fee can be computed.</summary>
    private static IEnumerable<FormField> QuantityFields(IReadOnlyList<FeeItem> fees)
    {
        foreach (var unit in fees.Where(f => f.Kind == FeeKind.PerUnit).Select(f => f.Unit ?? "").Distinct())
        {
            var key = QuantityKeyFor(unit);
            yield return key switch
            {
                "superficie-km2" => Number(key, "Superficie demandée", "km²", 0.01m, 10000m),
                "superficie-ha" => Number(key, "Superficie demandée", "ha", 0.01m, 100000m),
                "volume-m3" => Number(key, "Volume à extraire", "m³", 1m, 10_000_000m),
                "surface-m2" => Number(key, "Surface de plancher", "m²", 1m, 1_000_000m),
                "nombre-camions" => Number(key, "Nombre de camions-citernes", null, 1m, 1000m),
                "nombre-feuilles" => Number(key, "Nombre de feuilles", null, 1m, 100m),
                "nombre-chargements" => Number(key, "Nombre de chargements", null, 1m, 1000m),
                "nombre-documents" => Number(key, "Nombre de documents demandés", null, 1m, 20m),
                _ => Number(key, "Quantité", unit.Length > 0 ? unit : null, 0.01m, null),
            };
        }
    }

    /// <summary>The form field holding the quantity a per-unit fee with this unit is charged on.</summary>
    public static string QuantityKeyFor(string? unit) => (unit ?? "") switch
    {
        var u when u.Contains("km²", StringComparison.Ordinal) => "superficie-km2",
        var u when u.Contains("hectare", StringComparison.Ordinal) => "superficie-ha",
        var u when u.Contains("m³", StringComparison.Ordinal) => "volume-m3",
        var u when u.Contains("m²", StringComparison.Ordinal) => "surface-m2",
        var u when u.Contains("camion", StringComparison.Ordinal) => "nombre-camions",
        var u when u.Contains("feuille", StringComparison.Ordinal) => "nombre-feuilles",
        var u when u.Contains("chargement", StringComparison.Ordinal) => "nombre-chargements",
        var u when u.Contains("document", StringComparison.Ordinal) => "nombre-documents",
        _ => "quantite",
    };
}
