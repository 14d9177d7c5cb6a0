using System.Text.Json;
using System.Text.Json.Serialization;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Data.Seeding;

/// <summary>The seed catalogue's JSON files (see Catalogue/README.md), as read from disk.</summary>
public sealed record CatalogueFiles(
    IReadOnlyList<CatalogueFiles.MinistryEntry> Ministries,
    IReadOnlyList<CatalogueFiles.CategoryEntry> Categories,
    IReadOnlyList<CatalogueFiles.ProcedureEntry> Procedures)
{
    public static readonly string DefaultFolder = Path.Combine(AppContext.BaseDirectory, "Data", "Seeding", "Catalogue");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static CatalogueFiles Load(string? folder = null)
    {
        folder ??= DefaultFolder;
        var procedures = Directory.GetFiles(folder, "procedures.*.json").Order()
            .SelectMany(Read<List<ProcedureEntry>>)
            .ToList();
        return new CatalogueFiles(
            Read<List<MinistryEntry>>(Path.Combine(folder, "ministries.json")),
            Read<List<CategoryEntry>>(Path.Combine(folder, "categories.json")),
            procedures);
    }

    private static T Read<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    public sealed record MinistryEntry(string Code, string Acronym, string Name, string Description, IReadOnlyList<OfficeEntry> Offices);

    public sealed record OfficeEntry(string Code, string Name);

    public sealed record CategoryEntry(string Slug, string Name);

    public sealed record ProcessingTimeEntry(string Text, int? MinDays, int? MaxDays);

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
        IReadOnlyList<FormField>? Form = null) // the whole form when present; see README.md
    {
        /// <summary>The content to publish; without an explicit form, the default one for its category.</summary>
        public ProcedureContent ToContent()
        {
            var content = new ProcedureContent(
                Title, Summary, Description, Audience, AudienceConditions, Conditions, Steps, Documents, Fees,
                new ProcessingTime { Text = ProcessingTime.Text, MinDays = ProcessingTime.MinDays, MaxDays = ProcessingTime.MaxDays },
                Validity, LegalBasis, Form ?? []);
            return Form is null ? content with { Form = DefaultForms.For(content, Slug, Category) } : content;
        }
    }
}
