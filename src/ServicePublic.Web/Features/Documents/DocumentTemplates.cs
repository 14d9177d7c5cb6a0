using System.Globalization;
using System.Text.RegularExpressions;

namespace ServicePublic.Web.Features.Documents;

/// <summary>
/// The per-procedure template: what the document is called, and until when it is valid. Most
/// procedure titles already name what they deliver ("Carte d'importateur"); a few describe the
/// act ("Demande de ...", "Délivrance du ..."), and the rest get a generic attestation.
/// </summary>
public static partial class DocumentTemplates
{
    private static readonly string[] ActPrefixes = ["Demande de ", "Demande d'", "Délivrance du ", "Délivrance de la ", "Délivrance de l'", "Délivrance d'"];

    /// <summary>Titles that are already the name of a document.</summary>
    private static readonly string[] DocumentNouns =
    [
        "Carte", "Permis", "Certificat", "Attestation", "Autorisation", "Agrément", "Licence", "Passeport",
        "Bulletin", "Laissez-passer", "Duplicata", "Copie", "Homologation", "Visa", "Assignation", "Immatriculation",
        "Équivalence", "Authentification", "Titre", "Récépissé", "Jugement", "Acte",
    ];

    public static string TitleFor(string procedureTitle)
    {
        var title = procedureTitle.Trim();
        foreach (var prefix in ActPrefixes.Where(p => title.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            var rest = title[prefix.Length..];
            return char.ToUpper(rest[0], CultureInfo.GetCultureInfo("fr-FR")) + rest[1..];
        }
        return DocumentNouns.Any(n => title.StartsWith(n + " ", StringComparison.Ordinal) || title == n)
            ? title
            : $"Attestation – {title}";
    }

    /// <summary>
    /// "1 an renouvelable", "5 ans", "6 mois", "30 jours, pour ...": the last valid day (inclusive).
    /// Anything that does not start with a duration ("Illimitée", "Selon la durée accordée") does not expire.
    /// </summary>
    public static DateOnly? ValidUntil(string? validity, DateOnly issuedOn)
    {
        var match = validity is null ? Match.Empty : Duration().Match(validity);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 99)
        {
            return null;
        }
        var end = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            var u when u.StartsWith("an", StringComparison.Ordinal) => issuedOn.AddYears(n),
            "mois" => issuedOn.AddMonths(n),
            var u when u.StartsWith("semaine", StringComparison.Ordinal) => issuedOn.AddDays(7 * n),
            _ => issuedOn.AddDays(n),
        };
        return end.AddDays(-1);
    }

    [GeneratedRegex(@"^\s*(?<n>\d{1,2})\s+(?<unit>ans?|années?|mois|semaines?|jours?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
