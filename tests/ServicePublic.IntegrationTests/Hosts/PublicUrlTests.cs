using System.Net;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Hosts;

/// <summary>Links in messages come from Portal:PublicUrl, never from the Host header a client chooses.</summary>
[Collection(PortalCollection.Name)]
public sealed class PublicUrlTests(PortalFixture portal)
{
    private const string PublicUrl = "https://servicepublic.example.tg";

    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task ForgotPassword_PostedWithAForgedHost_MailsALinkToThePublicUrl()
    {
        await using var node = Portal.AnotherNode(new Dictionary<string, string> { ["Portal:PublicUrl"] = PublicUrl + "/", ["AllowedHosts"] = "*" });
        var user = await Portal.CreateAsync();

        var mail = await ForgotFromHostAsync(node, user.Email!, "evil.example");

        Assert.StartsWith(PublicUrl + "/compte/reinitialiser-mot-de-passe?", TestAccounts.UrlIn(mail), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_PostedWithAForgedHost_NeverMailsThatHost_EvenWithoutAPublicUrl()
    {
        var user = await Portal.CreateAsync();

        var mail = await ForgotFromHostAsync(Portal, user.Email!, "evil.example");

        Assert.DoesNotContain("evil.example", mail, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/compte/reinitialiser-mot-de-passe?", TestAccounts.UrlIn(mail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestNamingAnotherHost_IsRefused_OnceThePublicUrlIsSet()
    {
        await using var node = Portal.AnotherNode(new Dictionary<string, string> { ["Portal:PublicUrl"] = PublicUrl });
        var client = node.CreatePortalClient();

        var forged = await client.SendAsync(Get("/demarches", "evil.example"));
        var own = await client.SendAsync(Get("/demarches", "servicepublic.example.tg"));
        var local = await client.SendAsync(Get("/health", "127.0.0.1:8080"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public void Production_WithoutAPublicUrl_RefusesToStart_SayingWhy()
    {
        using var production = new PortalFactory(Portal.ConnectionString, settings: new Dictionary<string, string> { ["environment"] = "Production" });

        var failure = StartupFailure.Of(production);

        Assert.Contains("Portal:PublicUrl is not set", failure, StringComparison.Ordinal);
    }

    private static async Task<string> ForgotFromHostAsync(PortalFactory node, string email, string host)
    {
        var visitor = node.NewVisitor();
        visitor.DefaultRequestHeaders.Host = host;
        var forgot = await visitor.GetPageAsync("/compte/mot-de-passe-oublie");
        var sent = await visitor.SubmitFormAsync(forgot, "form#forgot", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        return (await node.LatestMessageAsync(email))!;
    }

    private static HttpRequestMessage Get(string path, string host) => new(HttpMethod.Get, path) { Headers = { Host = host } };
}

/// <summary>Why a portal refused to start: the messages of the exception and its inner ones.</summary>
public static class StartupFailure
{
    public static string Of(PortalFactory portal)
    {
        var exception = Record.Exception(portal.Start);
        Assert.NotNull(exception);
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }
        return string.Join(" | ", messages);
    }
}
