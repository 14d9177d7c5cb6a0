using System.Text.Json;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

/// <summary>What every form shares: one upload per document, keyed from its name, then the attestation.</summary>
public sealed class FormConventionsTests
{
    [Fact]
    public void DocumentFields_GetDistinctKeys_ForDocumentsWithTheSameBeginning()
    {
        var long1 = new RequiredDocument { Name = "Copie certifiée conforme de la pièce d'identité du gérant de la société, en cours de validité" };
        var long2 = new RequiredDocument { Name = "Copie certifiée conforme de la pièce d'identité du gérant de la société, ancienne" };

        var keys = FormConventions.DocumentFields([long1, long2]).Skip(1).Select(f => f.Key).ToList();

        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(keys, k => Assert.True(k.Length <= FormField.KeyMaxLength, k));
        Assert.All(keys, k => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", k));
    }

    [Fact]
    public void KeyFor_DropsAccentsAndPunctuation()
    {
        Assert.Equal("extrait-du-rccm-de-moins-de-trois-mois", FormConventions.KeyFor("Extrait du RCCM de moins de trois mois"));
        Assert.Equal("releve-d-identite-bancaire-rib", FormConventions.KeyFor("Relevé d'identité bancaire (RIB)"));
    }

    [Fact]
    public void SeedForms_AskForTheDocuments_AsDocumentFieldsWouldWriteThem()
    {
        // Answers to uploads are stored under these keys: a form written by hand keeps the convention.
        Assert.All(CatalogueFiles.Load().Procedures, p =>
        {
            var expected = FormConventions.DocumentFields(p.Documents).Select(f => JsonSerializer.Serialize(f));
            var actual = p.Form.SkipWhile(f => f.Key != FormConventions.DocumentsSectionKey)
                .TakeWhile(f => f.Key != FormConventions.AttestationKey).Select(f => JsonSerializer.Serialize(f));
            Assert.Equal(expected, actual);
        });
    }

    [Fact]
    public void SeedForms_EndWithTheConventionalAttestation()
    {
        var attestation = JsonSerializer.Serialize(FormConventions.Attestation());

        Assert.All(CatalogueFiles.Load().Procedures, p => Assert.Equal(attestation, JsonSerializer.Serialize(p.Form[^1])));
    }
}
