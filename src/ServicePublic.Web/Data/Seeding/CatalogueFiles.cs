using System.Text.Json;
using System.Text.Json.Serialization;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Data.Seeding;

/// <summary>The seed catalogue's JSON files (see Catalogue/README.md), as read from disk.</summary>
public sealed record CatalogueFiles(
    IReadOnlyList<CatalogueFiles.MinistryEntry> Ministries,
    IReadOnlyList<CatalogueFiles.CategoryEntry> Categories,
    IReadOnlyList<CatalogueFiles.ProcedureEntry> Procedures)
{
    public static readonly string DefaultFolder = Path.Combine(AppContext.BaseDirectory, "Data", "Seeding", "Catalogue");

    /// <summary>How the seed files, and the procedure builder's imports and exports, are read and written.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// Reads the seed files and checks them as a whole (see <see cref="CatalogueValidator"/>): a
    /// broken file fails here, naming every problem, rather than halfway through seeding.
    /// </summary>
    public static CatalogueFiles Load(string? folder = null)
    {
        folder ??= DefaultFolder;
        var ministries = Read<List<MinistryEntry>>(Path.Combine(folder, "ministries.json"));
        var categories = Read<List<CategoryEntry>>(Path.Combine(folder, "categories.json"));
        var procedureFiles = Directory.GetFiles(folder, "procedures.*.json").Order()
            .Select(path => (File: Path.GetFileName(path), Procedures: Read<List<ProcedureEntry>>(path)))
            .ToList();
        var files = new CatalogueFiles(ministries, categories, [.. procedureFiles.SelectMany(f => f.Procedures)]);
        var problems = CatalogueValidator.Problems(files, procedureFiles.SelectMany(f => f.Procedures.Select(p => (f.File, p))));
        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"The seed catalogue in {folder} has {problems.Count} problem(s):\n{string.Join("\n", problems)}");
        }
        return files;
    }

    private static T Read<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, JsonOptions)
                ?? throw new InvalidDataException($"{Path.GetFileName(path)} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    public sealed record MinistryEntry(string Code, string Acronym, string Name, string Description, IReadOnlyList<OfficeEntry> Offices);

    public sealed record OfficeEntry(string Code, string Name);

    public sealed record CategoryEntry(string Slug, string Name);

    public sealed record ProcessingTimeEntry(string Text, int? MinDays, int? MaxDays);

    /// <summary>
    /// One procedure as the seed files (and, later, a procedure builder) write it, in one schema:
    /// its catalogue entry, documents, fees and form. Checked by <see cref="CatalogueValidator"/>.
    /// </summary>
    public sealed record ProcedureEntry(
        string Slug,
        string Title,
        string Summary,
        string Description,
        string Category,
        string Ministry,
        string? Office,
        Audience Audience,
        string? AudienceConditions,
        IReadOnlyList<string> Conditions,
        IReadOnlyList<string> Steps,
        IReadOnlyList<RequiredDocument> Documents,
        IReadOnlyList<FeeItem> Fees,
        ProcessingTimeEntry ProcessingTime,
        string? Validity,
        string? LegalBasis,
        ProcedureStatus Status,
        string? SuspensionReason,
        bool Online,
        int Popularity,
        IReadOnlyList<FormField> Form, // required: the whole form, see README.md
        IReadOnlyList<EligibilityRule>? Eligibility = null) // optional: none when missing
    {
        public ProcedureContent ToContent() => new(
            Title, Summary, Description, Audience, AudienceConditions, Conditions, Steps, Documents, Fees,
            new ProcessingTime { Text = ProcessingTime.Text, MinDays = ProcessingTime.MinDays, MaxDays = ProcessingTime.MaxDays },
            Validity, LegalBasis, Form)
        {
            Eligibility = Eligibility ?? [],
        };
    }
}
