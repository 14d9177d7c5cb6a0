using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Data.Seeding;

namespace ServicePublic.IntegrationTests.Catalogue;

/// <summary>
/// Seeding on its own database: these tests change the catalogue. An empty one, not a copy of the
/// seeded template, so that the portal's first start seeds from scratch and the counts asserted
/// here are those of that first seeding.
/// </summary>
public sealed class CatalogueSeederTests : IAsyncLifetime
{
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
        var files = CatalogueFiles.Load();
        var changed = files with
        {
            Procedures = [.. files.Procedures.Select(p => p.Slug == "carte-importateur" ? p with { Title = "Carte d'importateur (nouvelle formule)" } : p)],
        };

        await SeedAsync(changed);

        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var versions = await db.ProcedureVersions.Where(v => v.Procedure.Slug == "carte-importateur").OrderBy(v => v.Number).ToListAsync();
        Assert.Equal(2, versions.Count);
        Assert.False(versions[0].IsCurrent);
        Assert.Equal("Carte d'importateur", versions[0].Title);
        Assert.True(versions[1].IsCurrent);
        Assert.Equal("Carte d'importateur (nouvelle formule)", versions[1].Title);
        var page = await _portal.CreatePortalClient().GetPageAsync("/demarches/carte-importateur");
        Assert.Equal("Carte d'importateur (nouvelle formule)", page.Texts("h1").Single());
    }

    [Fact]
    public async Task Seeding_FromSeveralInstancesAtOnce_AddsEverythingOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SeedAsync(CatalogueFiles.Load())));

        var counts = await CountsAsync();
        Assert.Equal(counts.Procedures, counts.Versions);
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
