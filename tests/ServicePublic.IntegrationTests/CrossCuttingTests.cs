using System.Net;
using Microsoft.AspNetCore.Hosting;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests;

[Collection(PortalCollection.Name)]
public sealed class CrossCuttingTests(PortalFixture portal)
{
    private readonly HttpClient _client = portal.CreateClient();

    [Fact]
    public async Task Health_ReportsHealthy_WhenTheDatabaseAnswers()
    {
        var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/demarches")]
    [InlineData("/page-inconnue")]
    public async Task Pages_CarrySecurityHeaders(string url)
    {
        var response = await _client.GetAsync(url);
        string Header(string name) => string.Join(",", response.Headers.TryGetValues(name, out var v) ? v : []);

        Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", Header("Content-Security-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
    }

    [Fact]
    public async Task Pages_AreInFrenchByDefault_EvenForAnEnglishBrowser()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var response = await _client.SendAsync(request);
        var document = await Html.ParseAsync(response);

        Assert.Equal("fr", document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Démarches", document.QuerySelector("nav.main-nav")?.TextContent);
    }

    [Fact]
    public async Task LanguageSwitch_ShowsTheSamePageInEnglish_AndKeepsTheChoice()
    {
        var client = portal.Factory.CreateClient(); // follows redirects and keeps cookies
        var page = await client.GetPageAsync("/demarches?q=passeport");

        var switched = await client.SubmitFormAsync(page, "form.lang", submitName: "culture", submitValue: "en");
        var english = await Html.ParseAsync(switched);
        var next = await client.GetPageAsync("/ministeres");

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal("/demarches?q=passeport", switched.RequestMessage?.RequestUri?.PathAndQuery);
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Procedures", english.QuerySelector("nav.main-nav")?.TextContent);
        Assert.Equal("en", next.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task LanguageSwitch_IsAFormWithoutAToken_SoThePageIsTheSameForEveryVisitor()
    {
        var page = await portal.Factory.NewVisitor().GetPageAsync("/demarches?q=passeport");

        var form = page.Document.QuerySelector("form.lang");
        Assert.Equal("get", form?.GetAttribute("method"));
        Assert.Null(form?.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("/demarches?q=passeport", form?.QuerySelector("input[name=retour]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task LanguageSwitch_NeverRedirectsOffSite()
    {
        var client = portal.Factory.CreatePortalClient();
        var page = await client.GetPageAsync("/");

        var response = await client.SubmitFormAsync(page, "form.lang",
            new Dictionary<string, string> { ["retour"] = "https://example.org/" }, "culture", "en");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ThePortal_StartsInDevelopment_WhereEveryServiceIsCheckedAtStartUp()
    {
        // Development validates the whole service graph at build time, as ./run.sh starts it.
        await using var development = new PortalFactory(portal.Factory.ConnectionString, settings: new Dictionary<string, string> { ["Database:SeedCatalogue"] = "false" })
            .WithWebHostBuilder(b => b.UseEnvironment("Development"));

        var response = await development.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Stylesheet_IsServedAndCachedForLong()
    {
        var page = await _client.GetPageAsync("/");
        var href = page.Document.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");

        var response = await _client.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.CacheControl?.ToString());
    }
}
