using System.Diagnostics;
using System.Net;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Failures;

/// <summary>
/// The portal with its database out of reach: a portal of its own behind a <see cref="TcpRelay"/>
/// the test closes (PostgreSQL stopped: connections refused, open ones cut) and reopens.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Pages_AnswerTheFrenchUnavailablePageQuickly_WhenTheDatabaseIsDownAtStart_AndWorkOnceItAnswers()
    {
        await using var relay = TcpRelay.To(await TestDatabase.CreateAsync("sp_outage"), open: false);
        await using var portal = StartPortal(relay);
        var client = portal.NewVisitor();

        var (page, elapsed) = await TimedGetAsync(client, "/demarches");
        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.True(elapsed < Quickly, $"answered in {elapsed}");
        await AssertUnavailablePageAsync(page);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());

        relay.Open();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/demarches")).StatusCode);
        Assert.Equal("Healthy", await (await client.GetAsync("/health")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignedInVisitor_GetsTheUnavailablePage_WhileTheDatabaseIsAway_AndFindsTheirSessionAndPagesWhenItReturns()
    {
        await using var relay = TcpRelay.To(await TestDatabase.CreateAsync("sp_outage"), open: true);
        await using var portal = StartPortal(relay);
        var user = await portal.CreateAsync();
        var client = portal.NewVisitor();
        await client.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/demandes")).StatusCode);

        relay.Close();
        var (mine, elapsed) = await TimedGetAsync(client, "/demandes");
        var (catalogue, _) = await TimedGetAsync(client, "/demarches");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, mine.StatusCode);
        Assert.True(elapsed < Quickly, $"answered in {elapsed}");
        await AssertUnavailablePageAsync(mine);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, catalogue.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);

        // Back: the pooled connections the outage cut are replaced without a restart, and the session holds.
        relay.Open();
        var again = await client.GetAsync("/demandes");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(user.Email!, await AccountPageAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private static PortalFactory StartPortal(TcpRelay relay)
    {
        var portal = new PortalFactory(relay.ConnectionString, settings: new Dictionary<string, string>
        {
            // The database is already migrated and seeded (a copy of the template), and may be down at start.
            ["Database:MigrateOnStartup"] = "false",
            ["Database:SeedCatalogue"] = "false",
        });
        portal.Start();
        return portal;
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> TimedGetAsync(HttpClient client, string url)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync(url);
        await response.Content.LoadIntoBufferAsync();
        return (response, watch.Elapsed);
    }

    private static async Task AssertUnavailablePageAsync(HttpResponseMessage response)
    {
        var document = await Html.ParseAsync(response);
        Assert.Equal("fr", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Service momentanément indisponible", document.QuerySelector("h1")?.TextContent);
        Assert.Contains("Rien de ce que vous avez déjà enregistré ou confirmé n'est perdu", document.Body?.TextContent);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static async Task<string> AccountPageAsync(HttpClient client) =>
        await (await client.GetAsync("/compte")).Content.ReadAsStringAsync();
}
