using System.Net;
using System.Net.Http.Headers;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Caching;

/// <summary>
/// Browsers and proxies may keep an anonymous visitor's copy of a public page for a minute, and
/// revalidate it with its ETag: no cookie, no per-visitor token, Cache-Control public. A signed-in
/// visitor's pages stay private. (The portal's own output cache is off here: these are the headers.)
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PublicPageHeadersTests(PortalFixture portal)
{
    [Theory]
    [MemberData(nameof(PublicPages.All), MemberType = typeof(PublicPages))]
    public async Task PublicPage_ReadAnonymously_SetsNoCookie_AndIsPublicWithAnETag(string url)
    {
        var response = await portal.Factory.NewVisitor().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), string.Join(" | ", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
        Assert.Equal("public, max-age=60", PublicPages.Header(response, "Cache-Control"));
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Contains("Cookie", response.Headers.Vary);
        Assert.False(response.Headers.Contains("Pragma"));
    }

    [Theory]
    [MemberData(nameof(PublicPages.All), MemberType = typeof(PublicPages))]
    public async Task PublicPage_AnswersNotModified_ToTheETagTheVisitorHolds(string url)
    {
        var visitor = portal.Factory.NewVisitor();
        var first = await visitor.GetAsync(url);

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var revalidated = await visitor.SendAsync(again);
        var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"une-autre-version\""));
        var changed = await visitor.SendAsync(stale);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, revalidated.Headers.ETag);
        Assert.Equal("public, max-age=60", PublicPages.Header(revalidated, "Cache-Control"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(first.Headers.ETag, changed.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await changed.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(PublicPages.All), MemberType = typeof(PublicPages))]
    public async Task PublicPage_ReadSignedIn_StaysPrivate_AndShowsTheSignedInHeader(string url)
    {
        var user = await portal.Factory.CreateAsync();
        var client = portal.Factory.NewVisitor();
        await client.SignInAsync(user.Email!);

        var page = await client.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var cacheControl = PublicPages.Header(page.Response, "Cache-Control");
        Assert.DoesNotContain("public", cacheControl);
        Assert.Contains("no-store", cacheControl);
        Assert.Null(page.Response.Headers.ETag);
        Assert.Contains("Cookie", page.Response.Headers.Vary);
        Assert.Contains("Se déconnecter", page.Document.QuerySelector("nav.main-nav")?.TextContent);
    }

    [Fact]
    public async Task LanguageSwitch_IsALinkLikeGet_ThatSetsOnlyTheLanguageCookie_AndIsNeverKept()
    {
        var response = await portal.Factory.NewVisitor().GetAsync("/langue?culture=en&retour=%2Fministeres%2FMDERM");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ministeres/MDERM", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den;", cookie);
        Assert.Equal("no-store", PublicPages.Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task OtherPages_StayUnstored_AsWhenEveryPageCarriedAToken()
    {
        var visitor = portal.Factory.NewVisitor();

        var tracking = await visitor.GetAsync("/suivi");
        var unknown = await visitor.GetAsync("/demarches/demarche-inconnue");

        Assert.Contains("no-store", PublicPages.Header(tracking, "Cache-Control"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("public", PublicPages.Header(unknown, "Cache-Control"));
        Assert.Null(unknown.Headers.ETag);
    }
}
