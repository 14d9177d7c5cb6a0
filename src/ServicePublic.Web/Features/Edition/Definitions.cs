using System.Text.Encodings.Web;
using System.Text.Json;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

/// <summary>
/// A procedure's definition in the seed files' schema (<see cref="ProcedureEntry"/>): what a draft
/// keeps, what an export writes and an import reads.
/// </summary>
public static class Definitions
{
    /// <summary>Indented, accents as they are: a file an editor can read and change by hand.</summary>
    private static readonly JsonSerializerOptions Readable = new(CatalogueFiles.JsonOptions)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(ProcedureEntry entry) => JsonSerializer.Serialize(entry, Readable);

    /// <summary>A definition the portal wrote itself (a draft's).</summary>
    public static ProcedureEntry Read(string json) =>
        JsonSerializer.Deserialize<ProcedureEntry>(json, CatalogueFiles.JsonOptions) ?? throw new InvalidDataException("Empty procedure definition.");

    /// <summary>
    /// A file an editor sent: its definition, or why it cannot be read, with the line. What the
    /// definition says (fields, fees, documents) is checked afterwards by <see cref="DefinitionChecks"/>.
    /// </summary>
    public static (ProcedureEntry? Entry, string? Problem) Parse(string json)
    {
        try
        {
            using (JsonDocument.Parse(json))
            {
            }
        }
        catch (JsonException e)
        {
            return (null, $"Ce n'est pas un fichier JSON valide : ligne {Line(e)}, colonne {(e.BytePositionInLine ?? 0) + 1}.");
        }
        try
        {
            var entry = JsonSerializer.Deserialize<ProcedureEntry>(json, CatalogueFiles.JsonOptions);
            return entry is null ? (null, "Le fichier ne contient pas de démarche.") : (entry, null);
        }
        catch (JsonException e)
        {
            return (null, $"Ligne {Line(e)} : « {e.Path} » ne suit pas le schéma des démarches (membre inconnu, ou valeur d'un autre type que celui attendu).");
        }
    }

    private static long Line(JsonException e) => (e.LineNumber ?? 0) + 1;

    /// <summary>What a published version says, with where the procedure stands, as a definition to edit.</summary>
    public static ProcedureEntry Of(Procedure procedure, ProcedureVersion version) => new(
        procedure.Slug, version.Title, version.Summary, version.Description, procedure.Category.Slug, procedure.Ministry.Code,
        procedure.Office?.Code, version.Audience, version.AudienceConditions, [.. version.Conditions], [.. version.Steps],
        [.. version.Documents], [.. version.Fees],
        new ProcessingTimeEntry(version.ProcessingTime.Text, version.ProcessingTime.MinDays, version.ProcessingTime.MaxDays),
        version.Validity, version.LegalBasis, procedure.Status == ProcedureStatus.Suspended ? ProcedureStatus.Suspended : ProcedureStatus.Active,
        procedure.SuspensionReason, procedure.IsOnline, procedure.Popularity, [.. version.Form], [.. version.Eligibility]);

    /// <summary>A new procedure: a title and where it belongs; the form holds only the attestation.</summary>
    public static ProcedureEntry Blank(string slug, string title, string ministry, string? office, string category) => new(
        slug, title, "", "", category, ministry, office, Audience.Both, null, [], [], [], [],
        new ProcessingTimeEntry("", null, null), null, null, ProcedureStatus.Active, null, true, 0, [FormConventions.Attestation()]);

    /// <summary>A deep copy (forms and fees are mutable classes), for an edit that may be thrown away.</summary>
    public static ProcedureEntry Copy(ProcedureEntry entry) => Read(Write(entry));
}
