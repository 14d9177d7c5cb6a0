using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;

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

    [Fact]
    public async Task AQueryCutWhileItsStatementWasBeingPrepared_LeavesNoTraceOnTheConnectionsOfLaterVisitors()
    {
        // Npgsql prepares a statement on its second use on a connection, and recycles one command per
        // connection object, which the portal's pooled contexts keep. A command whose send failed
        // during the outage, as its statement was being prepared, once sent that statement's
        // preparation again on the next connection, where another context had prepared it:
        // 42P05 "prepared statement _auto0 already exists", on every page, for as long as that
        // connection lived (CI, 2026-12-01).
        await using var relay = TcpRelay.To(await TestDatabase.CreateAsync("sp_outage"), open: true);
        await using var portal = StartPortal(relay);
        // The two contexts share one connection of a pool of their own, away from the background work's.
        var shared = new NpgsqlConnectionStringBuilder(TestDatabase.AsPortal(relay.ConnectionString))
        {
            MaxPoolSize = 1,
            ApplicationName = "outage-test",
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        }.ConnectionString;
        using var cutScope = portal.Services.CreateScope();
        using var laterScope = portal.Services.CreateScope();
        var cut = cutScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var later = laterScope.ServiceProvider.GetRequiredService<AppDbContext>();
        cut.Database.SetConnectionString(shared);
        later.Database.SetConnectionString(shared);
        static Task<int> MinistriesAsync(AppDbContext db) => db.Ministries.CountAsync(m => m.Code != "");
        var ministries = await MinistriesAsync(cut);

        relay.Close();
        await Assert.ThrowsAnyAsync<Exception>(() => MinistriesAsync(cut)); // its second use: prepared as it is sent, and the send fails
        relay.Open();
        await MinistriesAsync(later);
        await MinistriesAsync(later); // prepared on the new connection

        Assert.Equal(ministries, await MinistriesAsync(cut));
        Assert.Equal(ministries, await MinistriesAsync(later));
    }

    [Fact]
    public async Task Pages_WaitForAFreeConnection_WhenMoreVisitorsThanThePoolHasConnectionsArriveWhileTheDatabaseIsBusy()
    {
        var database = await TestDatabase.CreateAsync("sp_busy");
        await using var portal = StartPortal(database, new Dictionary<string, string>
        {
            // Two connections for six visitors; each of the first two holds its connection over a second.
            ["ConnectionStrings:Default"] = new NpgsqlConnectionStringBuilder(TestDatabase.AsPortal(database)) { MaxPoolSize = 2 }.ConnectionString,
        });
        var client = portal.NewVisitor();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/demarches?q=passeport")).StatusCode);

        await using var owner = new NpgsqlConnection(database);
        await owner.OpenAsync();
        await using (var busy = await owner.BeginTransactionAsync())
        {
            await new NpgsqlCommand("LOCK TABLE procedure_versions IN ACCESS EXCLUSIVE MODE", owner, busy).ExecuteNonQueryAsync();
            var pages = Enumerable.Range(0, 6).Select(_ => TimedGetAsync(portal.NewVisitor(), "/demarches?q=passeport")).ToList();
            await WaitForBlockedQueriesAsync(owner, count: 2);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // longer than the portal's connect timeout, far shorter than its wait for a connection
            await busy.CommitAsync();

            var answers = await Task.WhenAll(pages);

            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode));
        }
    }

    [Fact]
    public async Task Pages_AnswerTheUnavailablePageWithinSeconds_WhenTheDatabaseServerDoesNotAnswerAtAll()
    {
        // A port whose queue of connections is full: the kernel drops further SYNs, as with a host that is gone.
        using var silent = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(0);
        var port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        var queued = new List<System.Net.Sockets.Socket>();
        for (var full = false; !full && queued.Count < 8;)
        {
            var filler = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            queued.Add(filler);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                await filler.ConnectAsync(IPAddress.Loopback, port, wait.Token);
            }
            catch (OperationCanceledException)
            {
                full = true;
            }
        }
        var database = await TestDatabase.CreateAsync("sp_outage");
        var gone = new NpgsqlConnectionStringBuilder(TestDatabase.AsPortal(database)) { Host = "127.0.0.1", Port = port }.ConnectionString;
        await using var portal = StartPortal(database, new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = gone,
            ["Database:ConnectionWaitSeconds"] = "3", // the background work's own attempts give up sooner, and the test ends sooner
        });

        var (page, elapsed) = await TimedGetAsync(portal.NewVisitor(), "/demarches");
        var (again, elapsedAgain) = await TimedGetAsync(portal.NewVisitor(), "/demarches");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        await AssertUnavailablePageAsync(page);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        // The connect timeout (1 s), then a TCP connection to the server that gets no answer (1 s more at most).
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"answered in {elapsed}");
        Assert.True(elapsedAgain < Quickly, $"answered in {elapsedAgain}");
        queued.ForEach(s => s.Dispose());
    }

    private static PortalFactory StartPortal(TcpRelay relay) => StartPortal(relay.ConnectionString, new Dictionary<string, string>());

    private static PortalFactory StartPortal(string connectionString, Dictionary<string, string> settings)
    {
        // The database is already migrated and seeded (a copy of the template), and may be down at start.
        settings["Database:MigrateOnStartup"] = "false";
        settings["Database:SeedCatalogue"] = "false";
        var portal = new PortalFactory(connectionString, settings: settings);
        portal.Start();
        return portal;
    }

    /// <summary>Until <paramref name="count"/> of the portal's queries wait for the lock on the procedures' versions.</summary>
    private static async Task WaitForBlockedQueriesAsync(NpgsqlConnection connection, int count)
    {
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'procedure_versions'::regclass", connection);
        for (var i = 0; i < 200 && (long)(await waiting.ExecuteScalarAsync())! < count; i++)
        {
            await Task.Delay(50);
        }
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
