using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

/// <summary>
/// The form of every seeded procedure, as the seed files write it. Most were generated from slug
/// switches until the forms became data: the facts below pin what those forms asked, so that
/// requests and pages stay the same.
/// </summary>
public sealed class SeedFormsTests
{
    private static readonly CatalogueFiles Files = CatalogueFiles.Load();
    private static readonly DateOnly Today = new(2026, 11, 23);

    public static TheoryData<string> Slugs() => [.. Files.Procedures.Select(p => p.Slug)];

    private static IReadOnlyList<FormField> FormOf(string slug) => Files.Procedures.Single(p => p.Slug == slug).ToContent().Form;

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Form_HasNoDefinitionProblem_ForEverySeededProcedure(string slug)
    {
        var problems = FormDefinition.Problems(FormOf(slug));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Form_HasOneFileFieldPerDocument_AndOnlyForItsDocuments(string slug)
    {
        var entry = Files.Procedures.Single(p => p.Slug == slug);
        var files = FormOf(slug).Where(f => f.Type == FieldType.File).ToList();

        Assert.All(entry.Documents, d =>
        {
            var field = Assert.Single(files, f => f.DocumentName == d.Name);
            Assert.Equal(d.Required, field.Required);
            Assert.Equal(d.AppliesTo, field.AppliesTo);
        });
        Assert.Equal(entry.Documents.Count, files.Count);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Form_EndsWithTheAttestation_AndAsksSomethingBeforeTheDocuments(string slug)
    {
        var form = FormOf(slug);

        var last = form[^1];
        Assert.Equal(FormConventions.AttestationKey, last.Key);
        Assert.True(last.Required);
        Assert.True(FieldChecks.IsConfirmation(last));
        Assert.Contains(form.TakeWhile(f => f.Type != FieldType.File), f => f.Type is not (FieldType.Section or FieldType.File));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Form_RefusesAnEmptySubmission_AndNamesTheAttestation(string slug)
    {
        var result = new FormValidator(FormOf(slug), Today).Validate(new FormSubmission(new Dictionary<string, string?>()));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.PropertyName == FormConventions.AttestationKey);
    }

    [Fact]
    public void Form_AsksForTheSurfaceInKm2_WhenAFeeIsChargedPerKm2()
    {
        var surfaceFees = Files.Procedures.SelectMany(p => p.Fees.Where(f => f.Kind == FeeKind.PerUnit && f.Unit!.Contains("km²")).Select(f => (p, f))).ToList();

        Assert.NotEmpty(surfaceFees);
        Assert.All(surfaceFees, pf =>
        {
            var (p, fee) = pf;
            Assert.Equal("superficie-km2", fee.QuantityField);
            var surface = Assert.Single(p.ToContent().Form, f => f.Key == "superficie-km2");
            Assert.Equal(FieldType.Number, surface.Type);
            Assert.Equal("km²", surface.Unit);
        });
    }

    [Fact]
    public void CarteImportateur_ShowsThePreviousCardNumber_OnlyWhenItIsARenewal()
    {
        var form = FormOf("carte-importateur");
        var previous = Assert.Single(form, f => f.Key == "numero-carte-precedente");
        Assert.Equal("renouvellement", previous.ShowWhen?.FieldKey);
        var validator = new FormValidator(form, Today);

        FormSubmission Submission(string renewal) => new(new Dictionary<string, string?> { ["renouvellement"] = renewal });

        Assert.DoesNotContain("numero-carte-precedente", FormDefinition.ShownKeys(form, Submission("non"), Today));
        Assert.Contains("numero-carte-precedente", FormDefinition.ShownKeys(form, Submission("oui"), Today));
        Assert.Contains("numero-carte-precedente", FormDefinition.ShownKeys(form, Submission("Oui"), Today));
        Assert.Contains(validator.Validate(Submission("non")).Errors, e => e.PropertyName == "activite-principale");
    }

    [Fact]
    public void CarteImportateur_AcceptsACompleteRenewal_FromABusiness()
    {
        var form = FormOf("carte-importateur");
        var answers = new Dictionary<string, string?>
        {
            ["activite-principale"] = "Commerce général",
            ["produits-importes"] = "Riz, huile, sucre",
            ["pays-origine"] = "Chine, Inde",
            ["volume-annuel-fcfa"] = "150 000 000",
            ["renouvellement"] = "oui",
            ["numero-carte-precedente"] = "CI-2025-0042",
            ["attestation"] = "oui",
        };
        var companyFiles = form.Where(f => f.Type == FieldType.File && f.AppliesTo != DocumentAudience.Individuals).Select(f => f.Key).ToHashSet();

        var result = new FormValidator(form, Today).Validate(new FormSubmission(answers, companyFiles, Audience.Companies));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void PermisGrandeEchelle_BoundsTheSurfaceAndTheDuration()
    {
        var form = FormOf("permis-exploitation-miniere-grande-echelle");

        var surface = Assert.Single(form, f => f.Key == "superficie-km2");
        Assert.Equal((0.01m, 10000m, "km²", true), (surface.Min, surface.Max, surface.Unit, surface.Required));
        var duration = Assert.Single(form, f => f.Key == "duree-annees");
        Assert.Equal((1m, 20m), (duration.Min, duration.Max));
        var errors = new FormValidator(form, Today)
            .Validate(new FormSubmission(new Dictionary<string, string?> { ["superficie-km2"] = "0,001", ["duree-annees"] = "25" })).Errors;
        Assert.Contains(errors, e => e.PropertyName == "superficie-km2" && e.ErrorMessage == "La valeur doit être au moins 0,01.");
        Assert.Contains(errors, e => e.PropertyName == "duree-annees" && e.ErrorMessage == "La valeur doit être au plus 20.");
    }
}
