using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Features.Supervision;
using Xunit.Abstractions;

namespace ServicePublic.BrowserTests;

/// <summary>
/// The promise of the supervision room: a supervisor's room is open; in another browser a clerk
/// takes a request; the room's counter moves within 2 s, without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SupervisionRoomLiveTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>Where the room shows what this test watches: the room's markup, in one place.</summary>
    private static class Room
    {
        public const string Live = "#live";
        public const string Status = "#live-status";
        public const string ToTake = "#to-take .figure";
        public const string TakenInFeed = "#feed li.kind-taken";
        public const string Expired = "Session expirée : rechargez la page.";
        public const string Lost = "Connexion perdue — reconnexion…";
    }

    private const string Ministry = "MATDCL";
    private const string Procedure = "declaration-de-naissance";

    [GeneratedRegex(@"\D")]
    private static partial Regex NotADigit();

    private static async Task<int> FigureAsync(IPage page, string selector) =>
        int.Parse(NotADigit().Replace(await page.Locator(selector).InnerTextAsync(), ""), System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(SupervisionPaths.Room)]
    [InlineData(SupervisionPaths.Wall)]
    public async Task AClerkTakesARequest_TheOpenRoomsCounterMoves_WithoutAReload(string room)
    {
        var portal = browser.Portal;
        var request = await portal.FileAsync(await portal.CreateAsync(), Procedure);
        var supervisor = await portal.CreateAsync(roles: [Roles.Supervisor], twoFactor: true, ministryCode: Ministry);
        var clerk = await portal.CreateAsync(roles: [Roles.Agent], twoFactor: true, ministryCode: Ministry);
        var screen = await browser.SignedInAsync(supervisor, room);
        await Assertions.Expect(screen.Locator(Room.Status)).ToHaveTextAsync("En direct");
        // Gone if the page reloads.
        await screen.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        var before = await FigureAsync(screen, Room.ToTake);
        var office = await browser.SignedInAsync(clerk, $"/agent/demandes/{request.TrackingNumber}");

        await office.GetByRole(AriaRole.Button, new() { Name = "Prendre cette demande" }).ClickAsync();
        var taken = await portal.ActivityAsync(request.Id, "taken");
        await screen.WaitForFunctionAsync(
            "([live, seq]) => Number(document.querySelector(live).dataset.seq) >= seq", new object[] { Room.Live, taken.Seq },
            new() { PollingInterval = 20, Timeout = 15_000 });
        var took = DateTimeOffset.UtcNow - taken.At;
        // The time is reported, not held: speed is bench/run.sh's (live latency, measured on a quiet
        // machine); LiveStreamTests hold the 2 s between nodes without a browser. Here, on a busy
        // 2-core machine, Chromium alone once took 2.1 s.
        output.WriteLine($"{room}: take committed to the counter moved on screen in {took.TotalMilliseconds:0} ms");

        Assert.Equal(before - 1, await FigureAsync(screen, Room.ToTake));
        await Assertions.Expect(screen.Locator(Room.TakenInFeed).First).ToContainTextAsync(request.TrackingNumber!);
        Assert.True(await screen.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await Assertions.Expect(screen.Locator(Room.Status)).ToHaveTextAsync("En direct");
    }

    [Fact]
    public async Task WhenTheSessionHasEnded_TheRoomSaysSoWhenItsStreamIsRenewed_InsteadOfShowingTheSignInPage()
    {
        var portal = browser.Portal;
        var supervisor = await portal.CreateAsync(roles: [Roles.Supervisor], twoFactor: true, ministryCode: Ministry);
        var screen = await browser.NewPhonePageAsync();
        // The room's first stream ends ("bye": its time is up) when the test says; the next ones are the portal's.
        var timeUp = new TaskCompletionSource();
        var streams = 0;
        await screen.Context.RouteAsync("**" + SupervisionPaths.Stream + "**", async route =>
        {
            if (Interlocked.Increment(ref streams) > 1)
            {
                await route.ContinueAsync();
                return;
            }
            await timeUp.Task;
            await route.FulfillAsync(new() { Status = 200, ContentType = LiveStream.ContentType, Body = "retry: 3000\nevent: hello\ndata: {\"seq\":0}\n\nevent: bye\ndata: {}\n\n" });
        });
        await browser.SignInAsync(screen, supervisor, SupervisionPaths.Room);
        await Assertions.Expect(screen.Locator(Room.Live)).ToBeVisibleAsync();

        // Signed out (the session cookie gone) while the stream is open; then its time is up.
        await screen.Context.ClearCookiesAsync();
        timeUp.SetResult();

        await Assertions.Expect(screen.Locator(Room.Status)).ToHaveTextAsync(Room.Expired, new() { Timeout = 15_000 });
        await Assertions.Expect(screen.Locator(Room.Live)).ToBeVisibleAsync();
        Assert.True(Volatile.Read(ref streams) >= 2);
    }
}
