using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Catalogue;

namespace ServicePublic.IntegrationTests.Catalogue;

[Collection(PortalCollection.Name)]
public sealed class SearchTests(PortalFixture portal)
{
    private readonly HttpClient _client = portal.CreateClient();

    private async Task<IReadOnlyList<string>> TitlesAsync(string query) =>
        (await _client.GetPageAsync($"/demarches?q={Uri.EscapeDataString(query)}")).Texts(".cards .card h3");

    [Fact]
    public async Task Search_FindsElectricityProcedures_WhenTypedWithoutAccents()
    {
        var titles = await TitlesAsync("electricite");

        Assert.NotEmpty(titles);
        Assert.Contains("électricité", titles[0], StringComparison.OrdinalIgnoreCase);
        Assert.True(titles.Count(t => t.Contains("électri", StringComparison.OrdinalIgnoreCase)) >= 5);
    }

    [Fact]
    public async Task Search_FindsThePassport_DespiteATypo()
    {
        var titles = await TitlesAsync("pasport");

        Assert.NotEmpty(titles);
        Assert.Contains("passeport", titles[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Search_RanksMiningExploitationPermitsFirst()
    {
        var titles = await TitlesAsync("permis exploitation mine");

        var firstThree = titles.Take(3).ToList();
        Assert.All(firstThree, t => Assert.Contains("permis d'exploitation minière", t, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Permis d'exploitation minière à grande échelle", firstThree);
        Assert.Contains("Permis d'exploitation minière à petite échelle", firstThree);
    }

    [Fact]
    public async Task Search_FindsTheImporterCard()
    {
        var titles = await TitlesAsync("carte importateur");

        Assert.Equal("Carte d'importateur", titles[0]);
    }

    [Fact]
    public async Task Search_ShowsOnlyProceduresMatchingEveryWord_WhenThereAreSome()
    {
        var page = await _client.GetPageAsync("/demarches?q=carte+importateur");
        var links = page.Document.QuerySelectorAll(".cards .card h3 a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.InRange(links.Count, 1, 10);
        foreach (var link in links)
        {
            var text = (await _client.GetPageAsync(link)).MainText;
            Assert.Contains("carte", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("import", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Search_MatchesRequiredDocumentsAndMinistry()
    {
        var byDocument = await TitlesAsync("levé topographique");
        var byMinistry = await TitlesAsync("ARCEP");

        Assert.Contains("Permis d'exploitation minière à grande échelle", byDocument);
        Assert.True(byMinistry.Count >= 5);
    }

    [Fact]
    public async Task Search_SaysSo_WhenNothingMatches()
    {
        var page = await _client.GetPageAsync("/demarches?q=zzqqxxyy");

        Assert.Contains("Aucune démarche ne correspond à votre recherche.", page.MainText);
        Assert.Empty(page.Texts(".cards .card"));
    }

    [Fact]
    public async Task Search_CombinesWithFilters()
    {
        var page = await _client.GetPageAsync("/demarches?q=autorisation&ministere=MDERM&categorie=hydrocarbures");

        var metas = page.Texts(".cards .card .meta");
        Assert.NotEmpty(metas);
        Assert.All(metas, m => Assert.Contains("MDERM", m));
        Assert.Equal("autorisation", page.Document.QuerySelector("input#q")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Search_ListsTheBestRankedFirst_AndCountsEachChoiceAsTheOtherFiltersLeaveIt()
    {
        var hits = await QueryAsync(db => (
            from hit in db.SearchProcedureVersions("autorisation")
            join v in db.ProcedureVersions on hit.VersionId equals v.Id
            select new { hit.Rank, v.Procedure.Popularity, v.Title, Ministry = v.Procedure.Ministry.Code, Category = v.Procedure.Category.Slug, v.Audience })
            .ToListAsync());
        bool For(Audience audience, Audience of) => of == audience || of == Audience.Both;
        var forCompanies = hits.Where(h => For(Audience.Companies, h.Audience)).ToList();

        var page = await _client.GetPageAsync("/demarches?q=autorisation&public=entreprises");

        Assert.True(forCompanies.Count > 20, $"only {forCompanies.Count} hits");
        Assert.Contains($"{forCompanies.Count} démarches", page.MainText);
        // The first page holds the best ranked (then most requested), in that order.
        var shown = page.Texts(".cards .card h3").Select(t => forCompanies.Single(h => h.Title == t)).Select(h => (h.Rank, h.Popularity)).ToList();
        var best = forCompanies.Select(h => (h.Rank, h.Popularity)).OrderByDescending(k => k.Rank).ThenByDescending(k => k.Popularity).Take(20).ToList();
        Assert.Equal(best, shown);
        // Each list of choices counts the hits that the other filters leave.
        foreach (var option in page.Document.QuerySelectorAll("#ministere option[value!=''], #categorie option[value!='']"))
        {
            var value = option.GetAttribute("value");
            var expected = forCompanies.Count(h => h.Ministry == value || h.Category == value);
            Assert.EndsWith($"({expected})", option.TextContent.Trim());
        }
        Assert.EndsWith($"({hits.Count(h => For(Audience.Individuals, h.Audience))})", page.Document.QuerySelector("#public option[value=particuliers]")?.TextContent.Trim());
        Assert.EndsWith($"({forCompanies.Count})", page.Document.QuerySelector("#public option[value=entreprises]")?.TextContent.Trim());
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
