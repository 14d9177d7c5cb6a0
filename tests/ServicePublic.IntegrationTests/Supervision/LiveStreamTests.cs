using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Features.Supervision;
using Xunit.Abstractions;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// The live path: a change committed through one node reaches the supervision screens connected
/// to another, within 2 s, in their scope only, with the rights of the room.
/// </summary>
public sealed class LiveStreamTests(LiveNodes nodes, ITestOutputHelper output) : IClassFixture<LiveNodes>
{
    /// <summary>The birth declaration: free, the Territorial Administration ministry's (MATDCL).</summary>
    private const string Procedure = "declaration-de-naissance";
    private const string Ministry = "MATDCL";

    /// <summary>The importer's card: the Trade ministry's (MCIC).</summary>
    private const string OtherProcedure = "carte-importateur";
    private const string OtherMinistry = "MCIC";

    /// <summary>The promise: a change is on every screen within this long of its commit.</summary>
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(2);

    /// <summary>How long a test waits for an event before failing: long, so a slow machine fails on the promise, not on a wait.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static async Task<HttpClient> StaffAsync(PortalFactory node, string role, string? ministry = Ministry)
    {
        var user = await node.CreateAsync(roles: [role], twoFactor: true, ministryCode: ministry);
        var client = node.NewVisitor();
        await client.SignInWithTotpAsync(node, user);
        return client;
    }

    private static Task<long> LatestAsync(PortalFactory node) =>
        node.WithDbAsync(db => db.Database.SqlQuery<long>($"SELECT coalesce(max(id), 0) AS \"Value\" FROM supervision_activity").SingleAsync());

    private static (long Seq, string Kind) Read(ServerEvent change)
    {
        var data = JsonSerializer.Deserialize<JsonElement>(change.Data);
        return (data.GetProperty("seq").GetInt64(), data.GetProperty("kind").GetString()!);
    }

    [Fact]
    public async Task AChangeCommittedOnNodeA_ReachesAStreamOnNodeB_WithinTwoSeconds()
    {
        var supervisor = await StaffAsync(nodes.B, Roles.Supervisor);
        var clerk = await StaffAsync(nodes.A, Roles.Agent);
        var citizen = await nodes.A.CreateAsync();
        await using var stream = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);
        var hello = await stream.NextAsync("hello", Patience);
        var latest = await LatestAsync(nodes.B);

        // A filing committed through the domain on A, then a clerk taking it through A's back office.
        var request = await nodes.A.FileAsync(citizen, Procedure);
        var filed = await stream.NextAsync("change", Patience);
        var page = await clerk.GetPageAsync($"/agent/demandes/{request.TrackingNumber}");
        var take = await clerk.SubmitFormAsync(page, "main form:has(button[value=prendre])", null, "operation", "prendre");
        var taken = await stream.NextAsync("change", Patience);
        var filing = await nodes.A.ActivityAsync(request.Id, "filed");
        var taking = await nodes.A.ActivityAsync(request.Id, "taken");

        Assert.Equal((HttpStatusCode.OK, LiveStream.ContentType), (stream.Status, stream.ContentType));
        Assert.Equal(3000, hello!.Retry);
        Assert.Equal($"{{\"seq\":{latest}}}", hello.Data);
        Assert.Equal($"{latest}", hello.Id);
        Assert.Equal(HttpStatusCode.Redirect, take.StatusCode);
        Assert.Equal((filing.Seq, "filed"), Read(filed!));
        Assert.Equal($"{filing.Seq}", filed!.Id);
        Assert.Equal((taking.Seq, "taken"), Read(taken!));
        Assert.Equal($"{taking.Seq}", taken!.Id);
        Assert.DoesNotContain(request.TrackingNumber!, filed.Data + taken.Data, StringComparison.Ordinal);
        // From the change's own time (set before its commit, so never less than the real delay) to the screen.
        var delays = new[] { filed.ReceivedAt - filing.At, taken.ReceivedAt - taking.At };
        output.WriteLine($"Commit on node A to event on node B: filed {delays[0].TotalMilliseconds:0} ms, taken {delays[1].TotalMilliseconds:0} ms");
        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.Zero, Promise));
    }

    /// <summary>The change number a live part includes (its #live element's data-seq).</summary>
    private static long SeqOf(ServerEvent live) => SeqOf(live.Data);

    private static long SeqOf(string html) =>
        long.Parse(Regex.Match(html, "data-seq=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The stream a live part (or a page) names.</summary>
    private static string StreamOf(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "data-live-stream=\"([^\"]*)\"").Groups[1].Value);

    /// <summary>The first live part that includes change <paramref name="seq"/>, or null.</summary>
    private static string Comparable(string html) => Regex.Replace(
        Regex.Replace(html, "<p class=\"situation\">.*?</p>", "<p class=\"situation\"></p>", RegexOptions.Singleline),
        "<section class=\"room-section\" id=\"charge\".*?</section>", "<section id=\"charge\"></section>", RegexOptions.Singleline);

    private static async Task<ServerEvent?> LiveIncludingAsync(EventStream stream, long seq)
    {
        while (await stream.NextAsync("live", Patience) is { } live)
        {
            if (SeqOf(live) >= seq)
            {
                return live;
            }
        }
        return null;
    }

    [Fact]
    public async Task TheStream_PushesTheRoomsLivePart_AtOnce_ThenOneWithTheChange_WithinTwoSeconds()
    {
        var supervisor = await StaffAsync(nodes.B, Roles.Supervisor);
        var citizen = await nodes.A.CreateAsync();
        await using var stream = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);
        var latest = await LatestAsync(nodes.B);
        var first = await stream.NextAsync("live", Patience);
        var fragment = await supervisor.GetStringAsync(SupervisionPaths.Room + "?fragment=1");
        // Another test's change may land between the two reads: the live part of the fragment's own reading.
        var sameReading = SeqOf(fragment) == SeqOf(first!) ? first : await LiveIncludingAsync(stream, SeqOf(fragment));

        var request = await nodes.A.FileAsync(citizen, Procedure);
        var filing = await nodes.A.ActivityAsync(request.Id, "filed");
        var shown = await LiveIncludingAsync(stream, filing.Seq);

        // The room's own live part, as its page renders it: the script swaps it in as it stands.
        Assert.StartsWith("<div id=\"live\"", first!.Data.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(SupervisionPaths.Stream + $"?ministere={Ministry}", StreamOf(first.Data));
        Assert.Contains("id=\"charge\"", first.Data, StringComparison.Ordinal);
        Assert.Equal(latest, SeqOf(first));
        // Of the same changes, the same markup. Read a few seconds later on a loaded machine, the
        // fragment may come from the full reading made every 30 s: its "as of" time then differs, and
        // its workload lists the clerks other tests added since (staff changes are not activity).
        Assert.Equal(Comparable(fragment.ReplaceLineEndings("\n").Trim()), Comparable(sameReading!.Data.Trim()));
        Assert.NotNull(shown);
        Assert.Contains(request.TrackingNumber!, shown!.Data, StringComparison.Ordinal);
        var delay = shown.ReceivedAt - filing.At;
        output.WriteLine($"Commit on node A to the live part including it on node B: {delay.TotalMilliseconds:0} ms");
        Assert.InRange(delay, TimeSpan.Zero, Promise);
    }

    [Fact]
    public async Task TheWallsStream_PushesTheWallsLivePart_WhichNamesNoClerk()
    {
        var supervisor = await StaffAsync(nodes.B, Roles.Supervisor);
        var wallStream = $"{SupervisionPaths.Stream}?vue={SupervisionPaths.WallView}";
        await using var room = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);
        await using var wall = await EventStream.OpenAsync(supervisor, wallStream);

        var roomPart = await room.NextAsync("live", Patience);
        var wallPart = await wall.NextAsync("live", Patience);
        var wallPage = await supervisor.GetStringAsync(SupervisionPaths.Wall);

        Assert.Contains("Afi Mensah", roomPart!.Data, StringComparison.Ordinal);
        Assert.Equal(SupervisionPaths.Stream + $"?ministere={Ministry}&vue={SupervisionPaths.WallView}", StreamOf(wallPart!.Data));
        Assert.Equal(StreamOf(wallPart.Data), StreamOf(wallPage));
        Assert.DoesNotContain("id=\"charge\"", wallPart.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("Afi Mensah", wallPart.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMinistrysStream_CarriesItsChangesOnly_TheNationsCarriesThemAll()
    {
        var supervisor = await StaffAsync(nodes.B, Roles.Supervisor);
        var administrator = await StaffAsync(nodes.B, Roles.Administrator, ministry: null);
        var citizen = await nodes.A.CreateAsync();
        await using var ministry = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);
        await using var nation = await EventStream.OpenAsync(administrator, SupervisionPaths.Stream);
        await ministry.NextAsync("hello", Patience);
        await nation.NextAsync("hello", Patience);

        var other = await nodes.A.FileAsync(citizen, OtherProcedure);
        var mine = await nodes.A.FileAsync(citizen, Procedure);
        var firstForTheMinistry = await ministry.NextAsync("change", Patience);
        var forTheNation = new[] { await nation.NextAsync("change", Patience), await nation.NextAsync("change", Patience) };

        // Notifications arrive in commit order: had the other ministry's reached the stream, it would be first.
        Assert.Equal((await nodes.A.ActivityAsync(mine.Id, "filed")).Seq, Read(firstForTheMinistry!).Seq);
        Assert.Equal(
            [(await nodes.A.ActivityAsync(other.Id, "filed")).Seq, (await nodes.A.ActivityAsync(mine.Id, "filed")).Seq],
            forTheNation.Select(e => Read(e!).Seq));
    }

    [Fact]
    public async Task TheStream_HasTheRoomsRights_AnotherMinistryIs404_ClerksCitizensAndVisitorsAreRefused()
    {
        var supervisor = await StaffAsync(nodes.B, Roles.Supervisor);
        var administrator = await StaffAsync(nodes.B, Roles.Administrator, ministry: null);
        var clerk = await StaffAsync(nodes.B, Roles.Agent);
        var citizen = nodes.B.NewVisitor();
        await citizen.SignInAsync((await nodes.B.CreateAsync()).Email!);
        var visitor = nodes.B.NewVisitor();

        async Task<HttpStatusCode> StatusAsync(HttpClient client, string query)
        {
            await using var stream = await EventStream.OpenAsync(client, SupervisionPaths.Stream + query);
            return stream.Status;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(supervisor, $"?ministere={Ministry}&demarche={Procedure}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(supervisor, $"?ministere={OtherMinistry}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(supervisor, $"?demarche={OtherProcedure}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(administrator, $"?ministere={OtherMinistry}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(administrator, "?ministere=NULLE-PART"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(clerk, ""));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(citizen, ""));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(visitor, ""));
    }

    [Fact]
    public async Task WhenTheListenerReconnects_TheStreamSaysResync_AndChangesFlowAgain()
    {
        var supervisor = await StaffAsync(nodes.B, Roles.Supervisor);
        var citizen = await nodes.A.CreateAsync();
        await using var stream = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);
        await stream.NextAsync("hello", Patience);

        // The listening connections of this database's nodes, cut as a network failure or a database restart would.
        var cut = await nodes.A.CutListenersAsync();
        var resync = await stream.NextAsync("resync", Patience);
        var request = await nodes.A.FileAsync(citizen, Procedure);
        var change = await stream.NextAsync("change", Patience);

        Assert.NotEqual(0, cut);
        Assert.Equal("{}", resync!.Data);
        Assert.Equal((await nodes.A.ActivityAsync(request.Id, "filed")).Seq, Read(change!).Seq);
    }

    [Fact]
    public async Task AQuietStream_PingsToShowItIsAlive_AndEndsWithBye_WhenItsTimeIsUp()
    {
        var supervisor = await StaffAsync(nodes.Quick, Roles.Supervisor);
        await using var stream = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);
        var opened = EventStream.Now;

        var hello = await stream.NextAsync("hello", Patience);
        var ping = await stream.NextAsync("ping", Patience);
        var bye = await stream.NextAsync("bye", Patience);
        var end = await stream.NextAsync("anything", Patience);

        Assert.NotNull(hello);
        Assert.InRange(ping!.ReadAt - opened, TimeSpan.Zero, TimeSpan.FromSeconds(LiveNodes.QuickHeartbeatSeconds + 2));
        Assert.InRange(bye!.ReadAt - opened, TimeSpan.FromSeconds(LiveNodes.QuickStreamSeconds - 1), TimeSpan.FromSeconds(LiveNodes.QuickStreamSeconds + 5));
        Assert.Null(end);
    }

    [Fact]
    public async Task StreamsPerAccount_AreLimited_AndAStreamClosedByItsScreenGivesItsPlaceBack()
    {
        var supervisor = await StaffAsync(nodes.Quick, Roles.Supervisor);
        var open = nodes.Quick.Services.GetRequiredService<LiveStreams>();
        var streams = new List<EventStream>();
        for (var i = 0; i < LiveNodes.QuickStreamsPerUser; i++)
        {
            streams.Add(await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream));
        }
        await using var refused = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);

        await streams[0].DisposeAsync();
        var freed = await TestPayments.EventuallyAsync(() => Task.FromResult(open.Open), n => n < LiveNodes.QuickStreamsPerUser, seconds: 5);
        await using var again = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);

        Assert.All(streams, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(LiveNodes.QuickStreamsPerUser - 1, freed);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        foreach (var stream in streams.Skip(1))
        {
            await stream.DisposeAsync();
        }
    }

    [Fact]
    public async Task StoppingANode_EndsItsOpenStreamsWithBye_AtOnce()
    {
        // On Kestrel, which waits for requests in flight before it stops.
        var node = new PortalFactory(nodes.ConnectionString, kestrel: true);
        node.Start();
        var supervisor = await StaffAsync(node, Roles.Supervisor);
        await using var stream = await EventStream.OpenAsync(supervisor, SupervisionPaths.Stream);
        await stream.NextAsync("hello", Patience);

        var stopping = EventStream.Now;
        var stopped = node.DisposeAsync().AsTask();
        var bye = await stream.NextAsync("bye", Patience);
        await stopped;
        var took = EventStream.Now - stopping;

        Assert.NotNull(bye);
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }
}
