using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Features.Supervision;
using Xunit.Abstractions;

namespace ServicePublic.BrowserTests;

/// <summary>
/// js/live.js in Chromium, on the portal's real stream, against a bare page that follows the live
/// page contract (#live with data-live-stream, data-live-fragment, data-seq; #live-status). The
/// page and its fragment are served by the browser's request routing, so the script is tested on
/// its own: what it swaps in, which reads it makes, when, and what it says. The stream pushes the
/// room's own live part, which takes the bare one's place. (The room itself: SupervisionRoomLiveTests.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveScriptTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Ministry = "MATDCL";
    private const string Procedure = "declaration-de-naissance";
    private const string PagePath = "/essai/direct";
    private const string Connected = "En direct";
    private const string Lost = "Connexion perdue — reconnexion…";
    private const string Expired = "Session expirée : rechargez la page.";

    // The portal's own policy: the script must work under it.
    private const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'";

    private PortalFactory Portal => browser.Portal;

    /// <summary>The bare page and its fragment: the ministry's newest activity number, and how many times the fragment was asked for.</summary>
    private sealed class TestPage(PortalFactory portal, int ministryId)
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        /// <summary>What the fragment answers instead of itself (401: the session ended).</summary>
        public HttpStatusCode? Refuse { get; set; }

        public async Task<string> LiveAsync()
        {
            var seq = await portal.WithDbAsync(db => db.Database.SqlQuery<long>(
                $"SELECT coalesce(max(id), 0) AS \"Value\" FROM supervision_activity WHERE ministry_id = {ministryId}").SingleAsync());
            var reads = Reads;
            return $"""
                <div id="live" data-live-stream="{SupervisionPaths.Stream}" data-live-fragment="{PagePath}?fragment=1" data-seq="{seq}">
                <p id="reads">{reads}</p><a id="figure" href="/agent">{seq}</a></div>
                """;
        }

        public async Task ServeAsync(IRoute route)
        {
            var fragment = route.Request.Url.Contains("fragment=1", StringComparison.Ordinal);
            if (fragment)
            {
                Interlocked.Increment(ref _reads);
            }
            if (fragment && Refuse is { } status)
            {
                await route.FulfillAsync(new() { Status = (int)status, ContentType = "text/html", Body = "" });
                return;
            }
            var live = await LiveAsync();
            var body = fragment ? live : $"""
                <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head><body>
                <p id="live-status" role="status" aria-live="polite"></p>{live}
                <script src="/js/live.js" defer></script></body></html>
                """;
            await route.FulfillAsync(new()
            {
                Status = 200,
                ContentType = "text/html; charset=utf-8",
                Body = body,
                Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = ContentSecurityPolicy },
            });
        }
    }

    /// <summary>
    /// The bare page, open in a supervisor's browser; <paramref name="stream"/> may stand in for the
    /// portal's stream. <paramref name="connected"/>: waits until it is and, with <paramref name="livePart"/>,
    /// until the stream's first live part has replaced the bare one (then counts the swaps of #live).
    /// </summary>
    private async Task<(IPage Page, TestPage Test)> OpenAsync(Func<IRoute, Task>? stream = null, bool connected = true, HttpStatusCode? refuse = null, bool livePart = true)
    {
        var supervisor = await Portal.CreateAsync(roles: [Roles.Supervisor], twoFactor: true, ministryCode: Ministry);
        var page = await browser.SignedInAsync(supervisor, "/compte");
        var ministryId = await Portal.WithDbAsync(db => db.Ministries.Where(m => m.Code == Ministry).Select(m => m.Id).SingleAsync());
        var test = new TestPage(Portal, ministryId) { Refuse = refuse };
        await page.Context.RouteAsync("**" + PagePath + "**", test.ServeAsync);
        if (stream is not null)
        {
            await page.Context.RouteAsync("**" + SupervisionPaths.Stream + "**", stream);
        }
        await page.GotoAsync(PagePath);
        if (connected)
        {
            await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync(Connected);
        }
        if (connected && livePart)
        {
            // What happened since the page was made, pushed right after the hello: the room's own live part.
            await Assertions.Expect(page.Locator("#reads")).ToHaveCountAsync(0);
            await page.EvaluateAsync(CountSwaps);
        }
        return (page, test);
    }

    /// <summary>Counts in window.swaps each #live put in place from now on.</summary>
    private const string CountSwaps = """
        () => {
            window.swaps = 0;
            new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => { if (n.id === 'live') window.swaps++; })))
                .observe(document.body, { childList: true, subtree: true });
        }
        """;

    private static Task<int> SwapsAsync(IPage page) => page.EvaluateAsync<int>("() => window.swaps");

    /// <summary><paramref name="count"/> filings committed in one transaction: their notifications arrive together.</summary>
    private async Task<SupervisionActivity> FileTogetherAsync(int count)
    {
        var citizen = await Portal.CreateAsync();
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var numbers = scope.ServiceProvider.GetRequiredService<TrackingNumbers>();
        var version = await db.ProcedureVersions.Where(v => v.IsCurrent && v.Procedure.Slug == Procedure).Select(v => v.Id).SingleAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var request = Request.StartDraft(version, citizen.Id, null, DateTimeOffset.UtcNow);
            var number = await numbers.NextAsync();
            request.Submit(citizen.Id, false, () => number, 15, DateTimeOffset.UtcNow);
            db.Requests.Add(request);
            ids.Add(request.Id);
        }
        await db.SaveChangesAsync();
        return await db.Database.SqlQuery<SupervisionActivity>(
            $"SELECT id AS seq, at FROM supervision_activity WHERE request_id = ANY({ids.ToArray()}) ORDER BY id DESC LIMIT 1").SingleAsync();
    }

    /// <summary>Waits (closely: every 20 ms) until the live part on screen includes change <paramref name="seq"/>.</summary>
    private static Task SeqReachedAsync(IPage page, long seq) =>
        page.WaitForFunctionAsync("seq => Number(document.getElementById('live').dataset.seq) >= seq", seq, new() { PollingInterval = 20 });

    private static Task<long> SeqAsync(IPage page) =>
        page.EvaluateAsync<long>("() => Number(document.getElementById('live').dataset.seq)");

    [Fact]
    public async Task AChange_IsOnScreenWithinTwoSeconds_WithoutARead_ABurstInOneOrTwoLiveParts_FocusStaying()
    {
        var (page, test) = await OpenAsync();
        var link = page.Locator("#live a[href]").First;
        var href = await link.GetAttributeAsync("href");
        await link.FocusAsync();

        var one = await FileTogetherAsync(1);
        await SeqReachedAsync(page, one.Seq);
        var took = DateTimeOffset.UtcNow - one.At;
        output.WriteLine($"Commit to the live part on screen in the browser: {took.TotalMilliseconds:0} ms");
        var swapsBefore = await SwapsAsync(page);
        var burst = await FileTogetherAsync(5);
        await SeqReachedAsync(page, burst.Seq);
        await page.WaitForTimeoutAsync(1500);

        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Equal(one.Seq, burst.Seq - 5);
        Assert.InRange(await SwapsAsync(page) - swapsBefore, 1, 2);
        Assert.Equal(burst.Seq, await SeqAsync(page));
        Assert.Equal(0, test.Reads);
        Assert.Equal(href, await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')"));
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync(Connected);
    }

    [Fact]
    public async Task WhenTheListenerReconnects_TheStreamPushesTheLivePartAgain()
    {
        var (page, test) = await OpenAsync();

        await Portal.CutListenersAsync();

        await TestPayments.EventuallyAsync(() => SwapsAsync(page), n => n >= 1, seconds: 15);
        Assert.Equal(0, test.Reads);
    }

    [Fact]
    public async Task WhenTheStreamFails_AndTheFragmentIsRefused_TheScriptSaysTheSessionExpired_AndStops()
    {
        var opened = 0;
        // Signed out: the stream and the fragment are both refused.
        var (page, test) = await OpenAsync(async route =>
        {
            Interlocked.Increment(ref opened);
            await route.FulfillAsync(new() { Status = 401, ContentType = "text/html", Body = "" });
        }, connected: false, refuse: HttpStatusCode.Unauthorized);

        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync(Expired);
        var openedThen = Volatile.Read(ref opened);
        await page.WaitForTimeoutAsync(2500);

        Assert.Equal(1, test.Reads);
        Assert.Equal(openedThen, Volatile.Read(ref opened));
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync(Expired);
    }

    [Fact]
    public async Task WhenTheServerSaysBye_TheScriptReconnectsAtOnce_WithoutSayingTheConnectionIsLost()
    {
        var opened = new List<TimeSpan>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The stream served here: a hello and a bye (its time is up), then a second one that stays open.
        var (page, _) = await OpenAsync(async route =>
        {
            lock (opened)
            {
                opened.Add(clock.Elapsed);
            }
            if (opened.Count == 1)
            {
                await route.FulfillAsync(new() { Status = 200, ContentType = LiveStream.ContentType, Body = "retry: 3000\nid: 1\nevent: hello\ndata: {\"seq\":1}\n\nevent: bye\ndata: {}\n\n" });
            }
        }, livePart: false);

        await TestPayments.EventuallyAsync(() => Task.FromResult(opened.Count), n => n >= 2, seconds: 5);
        await page.WaitForTimeoutAsync(1000);

        Assert.Equal(2, opened.Count);
        Assert.InRange(opened[1] - opened[0], TimeSpan.Zero, TimeSpan.FromMilliseconds(1000));
        Assert.Equal("connected", await page.Locator("#live-status").GetAttributeAsync("data-live-state"));
    }

    [Fact]
    public async Task WhenTheStreamFails_TheScriptSaysSo_RetriesByItself_AndIsLiveAgainOnceItAnswers()
    {
        var failures = 0;
        var (page, _) = await OpenAsync(async route =>
        {
            if (Interlocked.Increment(ref failures) <= 3)
            {
                await route.FulfillAsync(new() { Status = 503, ContentType = "text/plain", Body = "" });
            }
            else
            {
                await route.ContinueAsync();
            }
        }, connected: false);

        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync(Lost);
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync(Connected, new() { Timeout = 15_000 });
        var change = await FileTogetherAsync(1);
        await SeqReachedAsync(page, change.Seq);

        Assert.Equal(4, Volatile.Read(ref failures));
    }
}
