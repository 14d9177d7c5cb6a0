using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

/// <summary>The seed files: what ./run.sh puts in front of visitors.</summary>
public sealed class SeedCatalogueTests
{
    private static readonly CatalogueFiles Files = CatalogueFiles.Load();

    [Fact]
    public void Seed_HasAtLeast12MinistriesAnd100Procedures()
    {
        Assert.True(Files.Ministries.Count >= 12);
        Assert.True(Files.Procedures.Count >= 100);
    }

    [Fact]
    public void Seed_HasAtLeast29EnergyAndMinesProcedures()
    {
        Assert.True(Files.Procedures.Count(p => p.Ministry == "MDERM") >= 29);
    }

    [Theory]
    [InlineData("carte-importateur")]
    [InlineData("carte-exportateur")]
    [InlineData("copie-acte-de-naissance")]
    [InlineData("certificat-de-nationalite")]
    [InlineData("bulletin-casier-judiciaire-n3")]
    [InlineData("passeport-ordinaire")]
    [InlineData("permis-exploitation-miniere-grande-echelle")]
    [InlineData("permis-exploitation-miniere-petite-echelle")]
    [InlineData("branchement-electrique-basse-tension")]
    public void Seed_HasTheProceduresVisitorsAskForMost(string slug)
    {
        Assert.Contains(Files.Procedures, p => p.Slug == slug);
    }

    [Fact]
    public void Seed_HoldsWholeProcedures_WithoutAProblem()
    {
        Assert.Empty(CatalogueValidator.Problems(Files, Files.Procedures.Select(p => ("seed", p))));
        Assert.All(Files.Procedures, p => Assert.Contains(p.Form, f => f.Type == FieldType.File || p.Documents.Count == 0));
        Assert.All(Files.Procedures, p => Assert.True(p.Form.Count >= 3, p.Slug));
    }

    [Fact]
    public void Seed_HasUniqueSlugs_ThatFitAnAddress()
    {
        Assert.Equal(Files.Procedures.Count, Files.Procedures.Select(p => p.Slug).Distinct().Count());
        Assert.All(Files.Procedures, p => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", p.Slug));
        Assert.All(Files.Procedures, p => Assert.True(p.Slug.Length <= Procedure.SlugMaxLength));
    }

    [Fact]
    public void Seed_ReferencesOnlyKnownMinistriesOfficesAndCategories()
    {
        var offices = Files.Ministries.ToDictionary(m => m.Code, m => m.Offices.Select(o => o.Code).ToHashSet());
        var categories = Files.Categories.Select(c => c.Slug).ToHashSet();

        Assert.All(Files.Procedures, p =>
        {
            Assert.True(offices.ContainsKey(p.Ministry), $"{p.Slug}: ministry {p.Ministry}");
            Assert.True(p.Office is null || offices[p.Ministry].Contains(p.Office), $"{p.Slug}: office {p.Office}");
            Assert.Contains(p.Category, categories);
        });
    }

    [Fact]
    public void Seed_GivesEveryProcedureWhatItsPageShows()
    {
        Assert.All(Files.Procedures, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Title));
            Assert.True(p.Title.Length <= ProcedureVersion.TitleMaxLength, p.Slug);
            Assert.True(p.Summary.Length <= ProcedureVersion.SummaryMaxLength, p.Slug);
            // At the counter, the page says what to bring; online, the form may be all a procedure asks.
            Assert.True(p.Online || p.Documents.Count > 0, p.Slug);
            Assert.NotEmpty(p.Steps);
            Assert.False(string.IsNullOrWhiteSpace(p.ProcessingTime.Text), p.Slug);
            Assert.True(p.Status != ProcedureStatus.Suspended || !string.IsNullOrWhiteSpace(p.SuspensionReason), p.Slug);
            Assert.All(p.Fees, f => Assert.True(f.Kind == FeeKind.Variable || f.Amount >= 0, $"{p.Slug}: {f.Label}"));
        });
    }
}
