using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Features.Supervision;
using ServicePublic.Web.Infrastructure.Notifications;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// Who may see which room, the drill-down of an administrator, where the figures lead, the wall
/// screen's lack of personal data, the live fragment, and the snapshot cache, on <see cref="RoomWorld"/>.
/// </summary>
[Collection(RoomCollection.Name)]
public sealed partial class RoomAccessTests(RoomFixture fixture)
{
    private static readonly string[] Secrets = [RoomWorld.ApplicantName, RoomWorld.BusinessName, RoomWorld.Answer];
    private static readonly string[] ClerkNames = [RoomWorld.ClerkAName, RoomWorld.ClerkBName, RoomWorld.IdleClerkName, RoomWorld.CommerceClerkName];

    private PortalFactory Portal => fixture.Factory;

    private RoomWorld World => fixture.World;

    private Task<HttpClient> SignedInAsync(string person) => RoomTests.SignIn(Portal, World[person]);

    [Fact]
    public async Task ASupervisor_AskingForAnotherMinistry_ItsOfficeOrItsProcedure_Gets404()
    {
        var commerce = await SignedInAsync("commerce");
        var own = await commerce.GetPageAsync("/supervision");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Contains(("to-take", "1"), RoomTests.Counters(own));
        foreach (var url in new[]
        {
            "/supervision?ministere=MDERM", "/supervision?bureau=DGMG", $"/supervision?demarche={RoomWorld.GoldPanning}",
            "/supervision?ministere=MCIC&bureau=DGMG", $"/supervision?ministere=MCIC&demarche={RoomWorld.GoldPanning}",
            "/supervision?ministere=NULLEPART", "/supervision/mur?ministere=MDERM", "/supervision?ministere=MDERM&fragment=1",
            $"/supervision/mur?demarche={RoomWorld.GoldPanning}&fragment=1",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await commerce.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await commerce.GetAsync("/supervision?ministere=MCIC")).StatusCode);
    }

    [Fact]
    public async Task ClerksCitizensAndVisitors_AreRefused()
    {
        var clerk = await SignedInAsync("A");
        var citizen = Portal.NewVisitor();
        await citizen.SignInAsync(World["applicant"].Email!);
        var visitor = Portal.NewVisitor();

        foreach (var url in new[] { "/supervision", "/supervision/mur", "/supervision?fragment=1" })
        {
            var anonymous = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/compte/connexion", Where(anonymous), StringComparison.Ordinal);
            foreach (var client in new[] { clerk, citizen })
            {
                var refused = await client.GetAsync(url);
                Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
                Assert.StartsWith("/compte/acces-refuse", Where(refused), StringComparison.Ordinal);
            }
        }
        var agentHome = await clerk.GetPageAsync("/agent");
        Assert.Null(agentHome.Document.QuerySelector("nav a[href='/supervision']"));
    }

    [Fact]
    public async Task AnAdministrator_SeesTheNation_AndDrillsDownToAMinistryAnOfficeAndAProcedure()
    {
        var admin = await SignedInAsync("admin");

        var nation = await admin.GetPageAsync("/supervision");
        Assert.Equal(
            [
                ("received-today", "2"), ("received-7", "11"), ("received-30", "21"),
                ("awaiting-payment", "1"), ("to-take", "4"), ("in-review", "4"), ("awaiting-applicant", "2"),
                ("overdue", "2"), ("decided-today", "3"), ("approval-rate", "78 %"),
                ("collected-today", "5 000 FCFA"), ("collected-month", "1 244 500 FCFA"),
            ],
            RoomTests.Counters(nation));
        var ministries = nation.Texts("#ministeres tbody tr");
        var energy = await NameAsync("MDERM");
        Assert.Equal($"{energy} 11 2 19 8 2 j 15 j 8 71 % 1 244 500 FCFA", ministries[0]);
        Assert.StartsWith($"{await NameAsync("MCIC")} 1 0 2 1 3 j 3 j 1 ", ministries[1], StringComparison.Ordinal);
        Assert.Null(nation.Document.QuerySelector("#demarches"));
        Assert.NotNull(nation.Document.QuerySelector("nav a[href='/supervision']"));

        var ministryLink = nation.Document.QuerySelector("#ministeres tbody tr th a")!.GetAttribute("href")!;
        Assert.Equal("/supervision?ministere=MDERM", ministryLink);
        var ministry = await admin.GetPageAsync(ministryLink);
        var supervisors = await (await SignedInAsync("supervisor")).GetPageAsync("/supervision");
        Assert.Equal(RoomTests.Counters(supervisors), RoomTests.Counters(ministry));
        Assert.Equal(supervisors.Texts("#demarches tbody tr"), ministry.Texts("#demarches tbody tr"));

        var officeLink = ministry.Document.QuerySelector("#bureaux tbody tr th a")!.GetAttribute("href")!;
        Assert.Equal("/supervision?ministere=MDERM&bureau=DGMG", officeLink);
        var office = await admin.GetPageAsync(officeLink);
        Assert.Contains(("to-take", "1"), RoomTests.Counters(office));
        Assert.Contains(("in-review", "3"), RoomTests.Counters(office));
        Assert.Contains(("overdue", "1"), RoomTests.Counters(office));
        Assert.Equal(2, office.Texts("#demarches tbody tr").Count);
        Assert.Null(office.Document.QuerySelector("#bureaux"));

        var procedureLink = office.Document.QuerySelector("#demarches tbody tr th a")!.GetAttribute("href")!;
        Assert.Equal($"/supervision?ministere=MDERM&bureau=DGMG&demarche={RoomWorld.GoldPanning}", procedureLink);
        var procedure = await admin.GetPageAsync(procedureLink);
        Assert.Equal(
            [
                ("received-today", "2"), ("received-7", "7"), ("received-30", "11"),
                ("awaiting-payment", "1"), ("to-take", "1"), ("in-review", "2"), ("awaiting-applicant", "0"),
                ("overdue", "1"), ("decided-today", "2"), ("approval-rate", "80 %"),
                ("collected-today", "5 000 FCFA"), ("collected-month", "10 000 FCFA"),
            ],
            RoomTests.Counters(procedure));
        Assert.Equal(
            ["Toutes les administrations", energy, await Portal.WithDbAsync(db => db.Offices.Where(o => o.Code == "DGMG").Select(o => o.Name).SingleAsync()), World.Titles[RoomWorld.GoldPanning]],
            procedure.Texts(".room-trail a, .room-trail [aria-current=page]"));
    }

    [Fact]
    public async Task EveryQueueAndLedgerFigure_LeadsToAListOfExactlyThatMany()
    {
        var supervisor = await SignedInAsync("supervisor");
        var room = await supervisor.GetPageAsync("/supervision");
        string Href(string selector) => room.Document.QuerySelector(selector)!.GetAttribute("href")!;

        Assert.Equal("/agent?ministere=MDERM&statut=Submitted&affectation=personne", Href("#to-take a"));
        foreach (var (id, count) in new[] { ("awaiting-payment", 1), ("to-take", 3), ("in-review", 4), ("awaiting-applicant", 2), ("overdue", 2) })
        {
            Assert.Equal($"{count} demande(s)", (await supervisor.GetPageAsync(Href($"#{id} a"))).Texts(".result-count").Single());
        }
        var goldPanning = room.Document.QuerySelectorAll("#demarches tbody tr").First();
        var open = goldPanning.QuerySelectorAll("td a")[0].GetAttribute("href")!;
        Assert.Equal($"/agent?ministere=MDERM&statut=ouvertes&demarche={RoomWorld.GoldPanning}", open);
        Assert.Equal("5 demande(s)", (await supervisor.GetPageAsync(open)).Texts(".result-count").Single());
        var clerkA = room.Document.QuerySelectorAll("#charge tbody tr").First(r => r.TextContent.Contains(RoomWorld.ClerkAName, StringComparison.Ordinal));
        Assert.Equal("4 demande(s)", (await supervisor.GetPageAsync(clerkA.QuerySelectorAll("td a")[0].GetAttribute("href")!)).Texts(".result-count").Single());
        Assert.Equal("2 demande(s)", (await supervisor.GetPageAsync(clerkA.QuerySelectorAll("td a")[1].GetAttribute("href")!)).Texts(".result-count").Single());

        var day = RoomFixture.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var first = RoomFixture.Now.ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"/supervision/paiements?ministere=MDERM&du={day}&au={day}", Href("#collected-today a"));
        Assert.Equal($"/supervision/paiements?ministere=MDERM&du={first}&au={day}", Href("#collected-month a"));
        Assert.Equal(["5 000 FCFA"], (await supervisor.GetPageAsync(Href("#collected-today a"))).Texts("#collected"));
        Assert.Equal(["1 244 500 FCFA"], (await supervisor.GetPageAsync(Href("#collected-month a"))).Texts("#collected"));
        // No list holds "received in 30 days": the figure leads to the breakdown, which leads further down.
        Assert.Equal("#demarches", Href("#received-30 a"));
        Assert.Equal("/supervision/mur?ministere=MDERM", Href("#wall-link"));
    }

    [Fact]
    public async Task TheWallScreen_HoldsNoPersonalData_NorAnyClerksName()
    {
        var supervisor = await SignedInAsync("supervisor");
        var room = await supervisor.GetPageAsync("/supervision");
        var response = await supervisor.GetAsync("/supervision/mur");
        var html = await response.Content.ReadAsStringAsync();
        var wall = new Html.Page(response, await Html.ParseAsync(response));
        var fragment = await supervisor.GetStringAsync("/supervision/mur?fragment=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var secret in Secrets.Concat(ClerkNames))
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, fragment, StringComparison.Ordinal);
        }
        Assert.Equal("noindex", wall.Document.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Equal(RoomTests.Counters(room), RoomTests.Counters(wall));
        Assert.Equal(room.Texts("#anciennete li"), wall.Texts("#anciennete li"));
        Assert.Equal(room.Texts("#feed li"), wall.Texts("#feed li"));
        Assert.Null(wall.Document.QuerySelector("#charge"));
        Assert.Null(wall.Document.QuerySelector(".main-nav"));
        Assert.Empty(wall.Document.QuerySelectorAll("#feed a"));
        Assert.Contains("wall", wall.Document.Body!.ClassName, StringComparison.Ordinal);
        // The room itself names its clerks (their workload), never an applicant or an answer.
        Assert.Contains(RoomWorld.ClerkAName, room.MainText, StringComparison.Ordinal);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, room.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Fragments_AreTheLiveElementAlone_WithTheLastSequenceNumberIncluded()
    {
        var admin = await SignedInAsync("admin");
        var page = await admin.GetPageAsync("/supervision?ministere=MDERM");
        var fragment = (await admin.GetStringAsync("/supervision?ministere=MDERM&fragment=1")).Trim();
        var wallFragment = (await admin.GetStringAsync("/supervision/mur?ministere=MDERM&fragment=1")).Trim();
        var lastOfEnergy = await LastChangeAsync("MDERM");
        var lastOfCommerce = await LastChangeAsync("MCIC");
        var commerce = await admin.GetPageAsync("/supervision?ministere=MCIC");

        var live = page.Document.QuerySelector("#live")!;
        Assert.Equal("/supervision/flux?ministere=MDERM", live.GetAttribute("data-live-stream"));
        Assert.Equal("/supervision?ministere=MDERM&fragment=1", live.GetAttribute("data-live-fragment"));
        Assert.Equal(lastOfEnergy.ToString(System.Globalization.CultureInfo.InvariantCulture), live.GetAttribute("data-seq"));
        // The last change of the room's own scope, not the nation's last.
        Assert.True(lastOfCommerce < lastOfEnergy, "The fixture's last change is the Energy ministry's.");
        Assert.Equal(lastOfCommerce.ToString(System.Globalization.CultureInfo.InvariantCulture), commerce.Document.QuerySelector("#live")!.GetAttribute("data-seq"));
        Assert.NotNull(page.Document.QuerySelector("p#live-status[role=status][aria-live=polite]"));
        Assert.StartsWith("/js/live.js", page.Document.QuerySelector("script[defer]")!.GetAttribute("src"), StringComparison.Ordinal);

        foreach (var (html, wall) in new[] { (fragment, false), (wallFragment, true) })
        {
            Assert.StartsWith("<div id=\"live\"", html, StringComparison.Ordinal);
            Assert.EndsWith("</div>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
            Assert.DoesNotContain("live-status", html, StringComparison.Ordinal);
            var parsed = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
            Assert.Single(parsed.Body!.Children);
            Assert.Equal(live.GetAttribute("data-seq"), parsed.Body.FirstElementChild!.GetAttribute("data-seq"));
            Assert.Equal(wall ? "/supervision/mur?ministere=MDERM&fragment=1" : "/supervision?ministere=MDERM&fragment=1",
                parsed.Body.FirstElementChild.GetAttribute("data-live-fragment"));
        }
        Assert.Equal(Html.Collapse(live.TextContent), Html.Collapse((new AngleSharp.Html.Parser.HtmlParser().ParseDocument(fragment)).Body!.TextContent));
        Assert.Equal("/supervision/mur?ministere=MDERM", page.Document.QuerySelector("#wall-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Snapshots_AreSharedByViewersOfAScope_UntilAChangeInThatScope()
    {
        var signals = Portal.Services.GetRequiredService<SupervisionSignals>();
        // The fixture's own changes have all come through the listener (one signal each, after its resync).
        await TestPayments.EventuallyAsync(() => Task.FromResult(signals.Published), n => n > World.Steps.Count);
        var snapshots = Portal.Services.GetRequiredService<RoomSnapshots>();
        var ids = await Portal.WithDbAsync(db => db.Ministries.Where(m => m.Code == "MDERM" || m.Code == "MCIC").ToDictionaryAsync(m => m.Code, m => m.Id));
        var energy = RoomScope.Nation with { MinistryId = ids["MDERM"], MinistryCode = "MDERM" };

        var many = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => snapshots.GetAsync(energy, includeWorkload: true, default))));
        signals.Publish(new SupervisionSignal(0, ids["MCIC"], null, 0, "filed"));
        var afterElsewhere = await snapshots.GetAsync(energy, includeWorkload: true, default);
        signals.Publish(new SupervisionSignal(0, ids["MDERM"], null, 0, "filed"));
        var afterHere = await snapshots.GetAsync(energy, includeWorkload: true, default);
        signals.Publish(SupervisionSignal.Resynchronise());
        var afterResync = await snapshots.GetAsync(energy, includeWorkload: true, default);
        var wall = await snapshots.GetAsync(energy, includeWorkload: false, default);

        Assert.All(many, s => Assert.Same(many[0], s));
        Assert.Same(many[0], afterElsewhere);
        Assert.NotSame(many[0], afterHere);
        Assert.NotSame(afterHere, afterResync);
        Assert.Equal(many[0].Totals, afterResync.Totals);
        Assert.NotNull(afterResync.Workload);
        Assert.Null(wall.Workload);
    }

    [Fact]
    public async Task ManyChangesInAScope_CostOneSnapshotAfterTheInterval_WhichHoldsThemAll()
    {
        var signals = Portal.Services.GetRequiredService<SupervisionSignals>();
        await TestPayments.EventuallyAsync(() => Task.FromResult(signals.Published), n => n > World.Steps.Count);
        var snapshots = Portal.Services.GetRequiredService<RoomSnapshots>();
        var energy = await Portal.WithDbAsync(db => db.Ministries.Where(m => m.Code == "MDERM").Select(m => m.Id).SingleAsync());
        var scope = RoomScope.Nation with { MinistryId = energy, MinistryCode = "MDERM" };
        var interval = TimeSpan.FromMilliseconds(new LiveOptions().SnapshotIntervalMilliseconds);
        // A snapshot read just now (after a change of its own), so the next one's turn is an interval away.
        signals.Publish(new SupervisionSignal(0, energy, null, 0, "filed"));
        var before = await snapshots.GetAsync(scope, includeWorkload: false, default, atLeast: snapshots.Generation);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Ten changes in half a second, each followed by a screen asking for a snapshot that has it.
        var asked = new List<Task<RoomSnapshot>>();
        for (var i = 0; i < 10; i++)
        {
            signals.Publish(new SupervisionSignal(0, energy, null, 0, "filed"));
            asked.Add(snapshots.GetAsync(scope, includeWorkload: false, default, atLeast: snapshots.Generation));
            await Task.Delay(50);
        }
        var after = await Task.WhenAll(asked);
        var took = clock.Elapsed;

        Assert.All(after, s => Assert.Same(after[0], s));
        Assert.NotSame(before, after[0]);
        // Its turn came one interval after the one before began (a little less: that one began before the clock).
        Assert.InRange(took, interval - TimeSpan.FromMilliseconds(200), interval + TimeSpan.FromSeconds(5));
    }

    private Task<long> LastChangeAsync(string ministry) => Portal.WithDbAsync(db => db.Database.SqlQuery<long>(
        $"SELECT max(a.id) AS \"Value\" FROM supervision_activity a JOIN ministries m ON m.id = a.ministry_id WHERE m.code = {ministry}").SingleAsync());

    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString ?? "";

    private Task<string> NameAsync(string ministry) => Portal.WithDbAsync(db => db.Ministries.Where(m => m.Code == ministry).Select(m => m.Name).SingleAsync());
}
