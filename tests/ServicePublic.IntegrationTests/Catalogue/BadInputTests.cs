using System.Net;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Catalogue;

[Collection(PortalCollection.Name)]
public sealed class BadInputTests(PortalFixture portal)
{
    private readonly HttpClient _client = portal.CreateClient();

    [Theory]
    [InlineData("/demarches/cette-demarche-n-existe-pas")]
    [InlineData("/demarches/%3Cscript%3E")]
    [InlineData("/ministeres/INCONNU")]
    [InlineData("/ministeres/UN-CODE-BEAUCOUP-TROP-LONG-POUR-UN-MINISTERE")]
    [InlineData("/une/adresse/inconnue")]
    [InlineData("/demarches/inconnue/demarrer")]
    public async Task UnknownAddress_AnswersThePortals404Page(string url)
    {
        var page = await _client.GetPageAsync(url);

        if (url.EndsWith("/demarrer", StringComparison.Ordinal))
        {
            // Starting needs an account first; the 404 comes once signed in.
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            return;
        }
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page introuvable", page.Texts("h1").Single());
        Assert.NotNull(page.Document.QuerySelector("header.site-header"));
        Assert.NotNull(page.Document.QuerySelector("main form[action='/demarches']"));
    }

    public static TheoryData<string> HostileQueries => new()
    {
        new string('a', 2000),
        string.Join(' ', Enumerable.Repeat("permis", 400)),
        "\"carte d'importateur\"",
        "'",
        "%",
        "100%_",
        "<script>alert('x')</script>",
        "'; DROP TABLE procedures; --",
        "1' OR '1'='1",
        "!!! & | <-> :* ()",
        "\\",
        "   ",
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Search_AnswersANormalPage_ForAnyQuery(string query)
    {
        var response = await _client.GetAsync($"/demarches?q={Uri.EscapeDataString(query)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Démarches administratives", html);
        Assert.DoesNotContain("<script>alert", html);
        var page = await _client.GetPageAsync("/demarches");
        Assert.True(page.Document.QuerySelectorAll(".cards .card").Length > 0, "the catalogue is still there");
    }

    [Theory]
    [InlineData("page=-1", "Page 1 sur")]
    [InlineData("page=0", "Page 1 sur")]
    [InlineData("page=abc", "Page 1 sur")]
    [InlineData("page=999999", "sur")]
    [InlineData("page=99999999999999999999", "Page 1 sur")]
    [InlineData("ministere=%27%20OR%201%3D1&categorie=%3Cb%3E&public=tous", "Aucune démarche")]
    [InlineData("public=particuliers&public=entreprises", "démarches")]
    public async Task Catalogue_AnswersANormalPage_ForOddParameters(string query, string expected)
    {
        var page = await _client.GetPageAsync($"/demarches?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(expected, page.MainText);
    }

    [Fact]
    public async Task Catalogue_ShowsTheLastPage_WhenThePageIsPastTheEnd()
    {
        var page = await _client.GetPageAsync("/demarches?page=999999");

        Assert.NotEmpty(page.Texts(".cards .card"));
        Assert.NotNull(page.Document.QuerySelector(".pager a[rel=prev]"));
        Assert.Null(page.Document.QuerySelector(".pager a[rel=next]"));
    }
}
