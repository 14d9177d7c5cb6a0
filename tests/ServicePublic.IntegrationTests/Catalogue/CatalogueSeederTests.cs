using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.IntegrationTests.Catalogue;

/// <summary>
/// Seeding on its own database: these tests change the catalogue. An empty one, not a copy of the
/// seeded template, so that the portal's first start seeds from scratch and the counts asserted
/// here are those of that first seeding.
/// </summary>
public sealed class CatalogueSeederTests : IAsyncLifetime
{
    private const string ImporterCard = "carte-importateur";

    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory(await TestDatabase.CreateEmptyAsync("sp_seed"));
        _portal.Start();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Seeding_Twice_AddsNothing()
    {
        var before = await CountsAsync();

        await SeedAsync(CatalogueFiles.Load());

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(CatalogueFiles.Load().Procedures.Count, before.Procedures);
    }

    [Fact]
    public async Task Seeding_AChangedProcedure_PublishesANewVersion_AndKeepsTheOldOne()
    {
        await SeedAsync(ImporterCardChanged(p => p with { Title = "Carte d'importateur (nouvelle formule)" }));

        var versions = await ImporterCardVersionsAsync();
        Assert.Equal(2, versions.Count);
        Assert.False(versions[0].IsCurrent);
        Assert.Equal("Carte d'importateur", versions[0].Title);
        Assert.True(versions[1].IsCurrent);
        Assert.Equal("Carte d'importateur (nouvelle formule)", versions[1].Title);
        var page = await _portal.CreatePortalClient().GetPageAsync("/demarches/carte-importateur");
        Assert.Equal("Carte d'importateur (nouvelle formule)", page.Texts("h1").Single());
    }

    [Fact]
    public async Task Seeding_ACatalogueThatDropsADocument_PublishesAVersionWithoutItsUpload_AndTheOldVersionKeepsIt()
    {
        var receipt = new RequiredDocument { Name = "Quittance de paiement des frais de délivrance", AppliesTo = DocumentAudience.All };
        await SeedAsync(ImporterCardChanged(p => p with
        {
            Documents = [.. p.Documents, receipt],
            Form = [.. p.Form.SkipLast(1), .. FormConventions.DocumentFields([receipt]).Skip(1), p.Form[^1]],
        }));

        await SeedAsync(CatalogueFiles.Load());

        var versions = await ImporterCardVersionsAsync();
        Assert.Equal(3, versions.Count);
        Assert.Contains(versions[1].Form, f => f.DocumentName == receipt.Name);
        Assert.True(versions[2].IsCurrent);
        Assert.DoesNotContain(versions[2].Documents, d => d.Name == receipt.Name);
        Assert.DoesNotContain(versions[2].Form, f => f.DocumentName == receipt.Name);
    }

    [Fact]
    public async Task Seeding_LeavesAProcedureEditedOnline_AsItsEditorsPublishedIt()
    {
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Procedures.SingleAsync(p => p.Slug == ImporterCard)).MarkEditedOnline();
            await db.SaveChangesAsync();
        }

        await SeedAsync(ImporterCardChanged(p => p with { Title = "Carte d'importateur (nouvelle formule)" }));

        var version = Assert.Single(await ImporterCardVersionsAsync());
        Assert.Equal("Carte d'importateur", version.Title);
    }

    [Fact]
    public async Task Seeding_FromSeveralInstancesAtOnce_AddsEverythingOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SeedAsync(CatalogueFiles.Load())));

        var counts = await CountsAsync();
        Assert.Equal(counts.Procedures, counts.Versions);
    }

    private static CatalogueFiles ImporterCardChanged(Func<CatalogueFiles.ProcedureEntry, CatalogueFiles.ProcedureEntry> change)
    {
        var files = CatalogueFiles.Load();
        return files with { Procedures = [.. files.Procedures.Select(p => p.Slug == ImporterCard ? change(p) : p)] };
    }

    private async Task<List<ProcedureVersion>> ImporterCardVersionsAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.ProcedureVersions.Where(v => v.Procedure.Slug == ImporterCard).OrderBy(v => v.Number).ToListAsync();
    }

    private async Task SeedAsync(CatalogueFiles files)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogueSeeder>().SeedAsync(files);
    }

    private async Task<(int Ministries, int Offices, int Procedures, int Versions)> CountsAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Ministries.CountAsync(), await db.Offices.CountAsync(), await db.Procedures.CountAsync(), await db.ProcedureVersions.CountAsync());
    }
}
