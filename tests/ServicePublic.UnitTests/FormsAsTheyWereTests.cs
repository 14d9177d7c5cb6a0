using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

/// <summary>
/// What the generated forms asked before they were written out as data, and which answer each
/// per-unit fee was charged on: answers already given are stored under these keys.
/// </summary>
public sealed class FormsAsTheyWereTests
{
    private static readonly CatalogueFiles Files = CatalogueFiles.Load();

    private static CatalogueFiles.ProcedureEntry Procedure(string slug) => Files.Procedures.Single(p => p.Slug == slug);

    [Theory]
    [InlineData("copie-acte-de-naissance", "date-naissance lieu-naissance nom-pere nom-mere numero-acte nombre-exemplaires")]
    [InlineData("passeport-ordinaire", "date-naissance lieu-naissance nom-pere nom-mere profession taille-cm")]
    [InlineData("renouvellement-passeport-ordinaire", "reference-precedente date-naissance lieu-naissance nom-pere nom-mere profession taille-cm")]
    [InlineData("permis-recherche-miniere", "objet substances localisation superficie-km2")]
    [InlineData("renouvellement-permis-exploitation-miniere", "objet reference-precedente substances localisation superficie-km2")]
    [InlineData("immatriculation-vehicule-carte-grise", "objet marque-modele numero-chassis premiere-circulation genre-vehicule")]
    [InlineData("permis-construire", "objet localisation-terrain reference-terrain superficie-terrain-m2 usage surface-m2")]
    [InlineData("attestation-regularite-fiscale", "objet nif usage-attestation")]
    [InlineData("laissez-passer-transport-substances-minerales", "objet substances quantite-tonnes destination nombre-chargements")]
    [InlineData("duplicata-releve-attestation-bac-2", "reference-precedente diplome annee-obtention etablissement nombre-documents")]
    [InlineData("branchement-electrique-basse-tension", "objet puissance-kw adresse-branchement")]
    public void Form_AsksWhatItAskedWhenItWasGenerated(string slug, string keys)
    {
        var asked = Procedure(slug).Form.Where(f => f.Type is not (FieldType.Section or FieldType.File) && f.Key != FormConventions.AttestationKey);

        Assert.Equal(keys.Split(' '), asked.Select(f => f.Key));
        Assert.Equal(FormConventions.AttestationKey, Procedure(slug).Form[^1].Key);
    }

    [Theory]
    [InlineData("permis-exploitation-miniere-grande-echelle", "km² par an", "superficie-km2")]
    [InlineData("permis-exploitation-miniere-petite-echelle", "km² par an", "superficie-km2")]
    [InlineData("permis-recherche-miniere", "km² par an", "superficie-km2")]
    [InlineData("renouvellement-permis-exploitation-miniere", "km² par an", "superficie-km2")]
    [InlineData("autorisation-exploitation-miniere-semi-mecanisee", "hectare par an", "superficie-ha")]
    [InlineData("autorisation-ouverture-carriere-permanente", "m³ extrait", "volume-m3")]
    [InlineData("autorisation-ouverture-carriere-temporaire", "m³ extrait", "volume-m3")]
    [InlineData("autorisation-extraction-sable-gravier", "m³ extrait", "volume-m3")]
    [InlineData("laissez-passer-transport-substances-minerales", "chargement", "nombre-chargements")]
    [InlineData("achat-cartes-donnees-geologiques", "feuille", "nombre-feuilles")]
    [InlineData("agrement-transport-produits-petroliers", "camion-citerne par an", "nombre-camions")]
    [InlineData("permis-construire", "m² de surface de plancher", "surface-m2")]
    [InlineData("duplicata-releve-attestation-bac-2", "document", "nombre-documents")]
    public void PerUnitFee_IsChargedOnTheFieldItsUnitImplied(string slug, string unit, string key)
    {
        var procedure = Procedure(slug);

        var fee = Assert.Single(procedure.Fees, f => f.Kind == FeeKind.PerUnit);
        Assert.Equal((unit, key), (fee.Unit, fee.QuantityField));
        var field = Assert.Single(procedure.Form, f => f.Key == key);
        Assert.Equal((FieldType.Number, true), (field.Type, field.Required));
    }

    [Fact]
    public void PerUnitFees_AreTheThirteenAbove()
    {
        Assert.Equal(13, Files.Procedures.Sum(p => p.Fees.Count(f => f.Kind == FeeKind.PerUnit)));
    }

    [Fact]
    public void ProceduresAboutAnExistingTitle_AskForItsNumber_Optionally()
    {
        string[] prefixes = ["renouvellement-", "duplicata-", "cession-", "modification-renouvellement-", "modification-assignation-"];
        var about = Files.Procedures.Where(p => prefixes.Any(x => p.Slug.StartsWith(x, StringComparison.Ordinal))).ToList();

        Assert.True(about.Count >= 5);
        Assert.All(about, p =>
        {
            var reference = Assert.Single(p.Form, f => f.Key == "reference-precedente");
            Assert.Equal((FieldType.ShortText, false), (reference.Type, reference.Required));
        });
    }

    [Fact]
    public void TaxCertificate_AsksTheNifOfIndividualsOnly_ABusinessHasItInItsProfile()
    {
        var nif = Assert.Single(Procedure("attestation-regularite-fiscale").Form, f => f.Key == "nif");

        Assert.Equal((FieldType.Nif, DocumentAudience.Individuals), (nif.Type, nif.AppliesTo));
    }

    [Fact]
    public void VehicleRegistration_ChecksTheVin()
    {
        var vin = Assert.Single(Procedure("immatriculation-vehicule-carte-grise").Form, f => f.Key == "numero-chassis");

        Assert.Equal("[A-HJ-NPR-Za-hj-npr-z0-9]{17}", vin.Pattern);
        bool Accepts(string answer) => new FormValidator([vin], new DateOnly(2026, 11, 23))
            .Validate(new FormSubmission(new Dictionary<string, string?> { [vin.Key] = answer })).IsValid;
        Assert.True(Accepts("VF1AB000123456789"));
        Assert.False(Accepts("VF1AB00012345678I"));
    }
}
