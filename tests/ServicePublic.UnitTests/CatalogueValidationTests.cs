using System.Text.Json;
using System.Text.Json.Nodes;
using ServicePublic.Web.Data.Seeding;

namespace ServicePublic.UnitTests;

/// <summary>
/// Loading refuses seed files that do not hold whole, consistent procedures, and says where each
/// problem is: file, procedure slug and field key, in French.
/// </summary>
public sealed class CatalogueValidationTests : IDisposable
{
    private const string Slug = "permis-recherche-miniere";
    private const string Where = $"procedures.test.json: procédure « {Slug} »";
    private readonly string _folder = Directory.CreateTempSubdirectory("sp-catalogue-").FullName;

    public CatalogueValidationTests()
    {
        foreach (var name in new[] { "ministries.json", "categories.json" })
        {
            File.Copy(Path.Combine(CatalogueFiles.DefaultFolder, name), Path.Combine(_folder, name));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The real seed entry of <see cref="Slug"/>: Section, objet, substances, localisation, superficie-km2, uploads, attestation.</summary>
    private static JsonObject Procedure()
    {
        var all = JsonNode.Parse(File.ReadAllText(Path.Combine(CatalogueFiles.DefaultFolder, "procedures.energie-mines.json")))!.AsArray();
        return all.Single(p => (string?)p!["slug"] == Slug)!.DeepClone().AsObject();
    }

    private static JsonObject Field(JsonObject procedure, string key) =>
        procedure["form"]!.AsArray().Single(f => (string?)f!["key"] == key)!.AsObject();

    private static JsonObject PerUnitFee(JsonObject procedure) =>
        procedure["fees"]!.AsArray().Single(f => (string?)f!["kind"] == "PerUnit")!.AsObject();

    private static CatalogueFiles.ProcedureEntry Entry(JsonObject procedure) =>
        JsonSerializer.Deserialize<CatalogueFiles.ProcedureEntry>(procedure.ToJsonString(), CatalogueFiles.JsonOptions)!;

    private string LoadFails(params JsonObject[] procedures)
    {
        File.WriteAllText(Path.Combine(_folder, "procedures.test.json"), new JsonArray([.. procedures]).ToJsonString());
        return Assert.Throws<InvalidDataException>(() => CatalogueFiles.Load(_folder)).Message;
    }

    [Fact]
    public void Load_AcceptsTheProcedureAsSeeded()
    {
        File.WriteAllText(Path.Combine(_folder, "procedures.test.json"), new JsonArray(Procedure()).ToJsonString());

        Assert.Equal(Slug, Assert.Single(CatalogueFiles.Load(_folder).Procedures).Slug);
    }

    [Theory]
    [InlineData("duplicate key", "champ « substances »", "la clé est utilisée deux fois.")]
    [InlineData("condition on a later field", "champ « substances »", "la condition porte sur « superficie-km2 », qui n'est pas un champ précédent.")]
    [InlineData("choice without options", "champ « localisation »", "une liste de choix a besoin d'au moins deux options.")]
    [InlineData("quantity field not in the form", "frais « Redevance superficiaire »", "le champ de quantité « surface-km2 » n'est pas dans le formulaire.")]
    [InlineData("quantity field not a number", "frais « Redevance superficiaire »", "le champ de quantité « localisation » doit être un nombre, pas un ShortText.")]
    [InlineData("upload unlike its document", "champ « piece-statuts-et-rccm-de-la-societe »", "« obligatoire » et le public doivent être ceux du document « Statuts et RCCM de la société ».")]
    public void Load_NamesTheFileTheProcedureAndTheField(string broken, string place, string expected)
    {
        var procedure = Procedure();
        switch (broken)
        {
            case "duplicate key":
                procedure["form"]!.AsArray().Insert(3, Field(procedure, "substances").DeepClone());
                break;
            case "condition on a later field":
                Field(procedure, "substances")["showWhen"] = new JsonObject { ["fieldKey"] = "superficie-km2", ["equals"] = "10" };
                break;
            case "choice without options":
                Field(procedure, "localisation")["type"] = "SingleChoice";
                break;
            case "quantity field not in the form":
                PerUnitFee(procedure)["quantityField"] = "surface-km2";
                break;
            case "quantity field not a number":
                PerUnitFee(procedure)["quantityField"] = "localisation";
                break;
            case "upload unlike its document":
                Field(procedure, "piece-statuts-et-rccm-de-la-societe")["required"] = false;
                break;
        }

        var message = LoadFails(procedure);

        Assert.Contains($"{Where}, {place} : {expected}", message);
    }

    [Fact]
    public void Load_NamesTheProcedure_WhenItsFormIsMissing()
    {
        var procedure = Procedure();
        procedure.Remove("form");

        Assert.Contains($"{Where}, « form » : ce membre manque.", LoadFails(procedure));
    }

    [Fact]
    public void Load_NamesTheFee_WhenAPerUnitFeeHasNoQuantityField()
    {
        var procedure = Procedure();
        PerUnitFee(procedure).Remove("quantityField");

        Assert.Contains($"{Where}, frais « Redevance superficiaire » : des frais par unité ont besoin du champ nombre", LoadFails(procedure));
    }

    [Fact]
    public void Load_NamesTheDocument_WhenNoUploadStandsForIt_AndWantsTheAttestationLast()
    {
        var procedure = Procedure();
        var form = procedure["form"]!.AsArray();
        form.Remove(Field(procedure, "piece-statuts-et-rccm-de-la-societe"));
        form.Add(new JsonObject { ["key"] = "remarques", ["label"] = "Remarques", ["type"] = "LongText" });

        var message = LoadFails(procedure);

        Assert.Contains($"{Where}, document « Statuts et RCCM de la société » : 0 champs fichier le représentent au lieu d'un seul.", message);
        Assert.Contains($"{Where}, « form » : le formulaire doit se terminer par l'attestation", message);
    }

    [Fact]
    public void Load_ChecksTheMinistryOfficeAndCategory()
    {
        var procedure = Procedure();
        procedure["office"] = "XYZ";
        procedure["category"] = "inconnue";

        var message = LoadFails(procedure);

        Assert.Contains($"{Where}, « office » : le service « XYZ » est inconnu au MDERM.", message);
        Assert.Contains($"{Where}, « category » : la catégorie « inconnue » est inconnue.", message);
    }

    [Fact]
    public void Load_ListsEveryProblem_NotOnlyTheFirst()
    {
        var first = Procedure();
        Field(first, "localisation")["type"] = "MultipleChoice";
        var second = Procedure();
        second["slug"] = "permis-recherche-miniere-bis";
        PerUnitFee(second)["quantityField"] = "objet";

        var message = LoadFails(first, second);

        Assert.Contains($"{Where}, champ « localisation » : une liste de choix a besoin d'au moins deux options.", message);
        Assert.Contains("procedures.test.json: procédure « permis-recherche-miniere-bis », frais « Redevance superficiaire » : le champ de quantité « objet » doit être un nombre, pas un LongText.", message);
        Assert.Contains("has 2 problem(s)", message);
    }

    [Fact]
    public void ProblemsOf_SaysWhereEachProblemIs_ForABuilderToShowItThere()
    {
        var procedure = Procedure();
        procedure["category"] = "inconnue";
        Field(procedure, "localisation")["type"] = "SingleChoice";
        Field(procedure, "objet")["key"] = "";
        PerUnitFee(procedure)["quantityField"] = "surface-km2";
        var form = procedure["form"]!.AsArray();
        form.Remove(Field(procedure, "piece-statuts-et-rccm-de-la-societe"));
        form.RemoveAt(form.Count - 1);

        var places = CatalogueValidator.ProblemsOf(Entry(procedure), CatalogueFiles.Load()).Select(p => p.Where);

        Assert.Equal(["category", "field:#2", "field:localisation", "fee:2", "document:1", "form"], places);
    }

    [Fact]
    public void ProblemsOf_NamesEachMissingMember()
    {
        var procedure = Procedure();
        procedure.Remove("form");
        procedure.Remove("title");

        Assert.Equal([new("title", "ce membre manque."), new EntryProblem("form", "ce membre manque.")], CatalogueValidator.ProblemsOf(Entry(procedure), CatalogueFiles.Load()));
    }

    [Fact]
    public void Load_NamesTheFile_WhenItIsNotTheSchema()
    {
        var procedure = Procedure();
        procedure["formulaire"] = new JsonArray();

        Assert.StartsWith("procedures.test.json: ", LoadFails(procedure));
    }

    [Fact]
    public void Load_RefusesASlugUsedTwice()
    {
        Assert.Contains($"{Where} : le slug est aussi utilisé dans procedures.test.json.", LoadFails(Procedure(), Procedure()));
    }
}
