using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Catalogue;

/// <summary>What a screen reader's outline and a search engine's snippet read: headings in order, and one description per page.</summary>
[Collection(PortalCollection.Name)]
public sealed class OutlineAndDescriptionTests(PortalFixture portal)
{
    private const string Portal = "ServicePublic, le portail national des démarches administratives du Togo.";

    private readonly HttpClient _client = portal.CreateClient();

    [Fact]
    public async Task SearchResults_GoDownOneHeadingLevelAtATime()
    {
        var home = await _client.GetPageAsync("/");
        var response = await _client.SubmitFormAsync(home, "form.search", new Dictionary<string, string> { ["q"] = "carte importateur" });
        var results = new Html.Page(response, await Html.ParseAsync(response));

        var levels = results.Document.QuerySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6").Select(h => h.TagName[1] - '0').ToList();

        Assert.Equal(1, levels[0]);
        Assert.Contains(3, levels);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} then h{pair.Second}: {string.Join(" ", levels)}"));
        Assert.Matches(@"^\d+ démarches$", results.Texts("main h2").First());
    }

    [Fact]
    public async Task EveryPage_HasOneMetaDescription_ItsOwnSummaryOnCataloguePages_ElseItsTitleAndThePortal()
    {
        var summary = await portal.Factory.WithDbAsync(db => db.ProcedureVersions
            .Where(v => v.IsCurrent && v.Procedure.Slug == "carte-importateur").Select(v => v.Summary).SingleAsync());

        Assert.Equal(summary, await DescriptionAsync("/demarches/carte-importateur"));
        Assert.StartsWith("Les démarches administratives du Togo, par ministère", await DescriptionAsync("/demarches"));
        Assert.StartsWith("Les démarches administratives du Togo qui répondent à « passeport »", await DescriptionAsync("/demarches?q=passeport"));
        Assert.StartsWith("Les ministères et agences du Togo", await DescriptionAsync("/ministeres"));
        Assert.Equal("Suivre une demande – " + Portal, await DescriptionAsync("/suivi"));
    }

    private async Task<string> DescriptionAsync(string url)
    {
        var page = await _client.GetPageAsync(url);
        return Assert.Single(page.Document.QuerySelectorAll("meta[name=description]")).GetAttribute("content")!;
    }
}
