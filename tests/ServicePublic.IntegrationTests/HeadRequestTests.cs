using System.Net;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests;

/// <summary>HEAD answers as GET does (status and headers), without the body: link checkers and monitors use it.</summary>
[Collection(PortalCollection.Name)]
public sealed class HeadRequestTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/demarches", HttpStatusCode.OK)]
    [InlineData("/demarches/carte-importateur", HttpStatusCode.OK)]
    [InlineData("/statistiques", HttpStatusCode.OK)]
    [InlineData("/page-inconnue", HttpStatusCode.NotFound)]
    [InlineData("/demandes", HttpStatusCode.Redirect)] // signed out: sent to sign in, as GET is
    public async Task Head_AnswersLikeGet_WithoutBody(string url, HttpStatusCode expected)
    {
        var client = portal.Factory.NewVisitor();

        await AssertHeadLikeGetAsync(client, url, expected);
    }

    [Fact]
    public async Task Head_AnswersLikeGet_OnASignedInPage()
    {
        var user = await portal.Factory.CreateAsync();
        var client = portal.Factory.NewVisitor();
        await client.SignInAsync(user.Email!);

        await AssertHeadLikeGetAsync(client, "/demandes", HttpStatusCode.OK);
    }

    private static async Task AssertHeadLikeGetAsync(HttpClient client, string url, HttpStatusCode expected)
    {
        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(expected, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.Location, head.Headers.Location);
        Assert.Equal(get.Headers.GetValues("Content-Security-Policy"), head.Headers.GetValues("Content-Security-Policy"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
