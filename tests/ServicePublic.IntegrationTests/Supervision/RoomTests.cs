using System.Net;
using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Features.Supervision;
using ServicePublic.Web.Features.Shared;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// Every figure of the supervision room against the fixture of <see cref="RoomWorld"/>, computed by
/// hand (the comments there give each request's times). Now is the 15th at 10:32; "today" is the
/// 15th, the last 7 days start on the 9th at 00:00, the last 30 days on the 16th of last month.
/// </summary>
[Collection(RoomCollection.Name)]
public sealed class RoomTests(RoomFixture fixture)
{
    private PortalFactory Portal => fixture.Factory;

    private RoomWorld World => fixture.World;

    [Fact]
    public async Task MinistryRoom_Counters_EqualTheHandComputedFixture()
    {
        var room = await (await SignedInAsync("supervisor")).GetPageAsync("/supervision");

        Assert.Equal(HttpStatusCode.OK, room.Status);
        Assert.Equal(
            [
                ("received-today", "2"), ("received-7", "9"), ("received-30", "19"),
                ("awaiting-payment", "1"), ("to-take", "3"), ("in-review", "4"), ("awaiting-applicant", "2"),
                ("overdue", "2"), ("decided-today", "2"), ("approval-rate", "75 %"),
                ("collected-today", "5 000 FCFA"), ("collected-month", "1 244 500 FCFA"),
            ],
            Counters(room));
        Assert.Contains("Situation à 10 h 32", room.MainText, StringComparison.Ordinal);
        Assert.Equal([await NameAsync("MDERM")], room.Texts(".room-trail [aria-current=page]"));
    }

    [Fact]
    public async Task MinistryRoom_PerProcedure_HasExactPercentilesWithN_TheShareWithinTarget_AndTheOverdue()
    {
        var room = await (await SignedInAsync("supervisor")).GetPageAsync("/supervision");

        // Démarche, délai cible, en cours, en retard, reçues 30 j, décidées 30 j, médiane, 9 sur 10, n, dans le délai, encaissé (mois).
        Assert.Equal(
            [
                $"{World.Titles[RoomWorld.GoldPanning]} 7 j 5 1 11 5 2 j 15 j 5 80 % 10 000 FCFA",
                $"{World.Titles[RoomWorld.Electrician]} 30 j 2 1 1 0 — — 0 — 0 FCFA",
                $"{World.Titles[RoomWorld.Export]} 10 j 3 0 5 2 9 j 13 j 2 50 % 1 234 500 FCFA",
                $"{World.Titles[RoomWorld.SelfGeneration]} — 1 0 2 1 1 j 1 j 1 — 0 FCFA",
            ],
            room.Texts("#demarches tbody tr"));
        // An office's percentiles come from its procedures' decisions together (1 2 2 5 9 13 15), not from their percentiles.
        var offices = room.Texts("#bureaux tbody tr");
        Assert.StartsWith(await OfficeNameAsync("DGMG") + " ", offices[0], StringComparison.Ordinal);
        Assert.EndsWith("8 1 16 7 5 j 15 j 7 71 % 1 244 500 FCFA", offices[0], StringComparison.Ordinal);
        Assert.EndsWith("2 1 1 0 — — 0 — 0 FCFA", offices[1], StringComparison.Ordinal);
        Assert.EndsWith("1 0 2 1 1 j 1 j 1 — 0 FCFA", offices[2], StringComparison.Ordinal);
        Assert.Equal(6, offices.Count);
    }

    [Fact]
    public async Task MinistryRoom_Ageing_PutsTheRequestAtExactly80PercentInAmber_AndTheOneAtExactly100PercentBeforeOverdue()
    {
        var room = await (await SignedInAsync("supervisor")).GetPageAsync("/supervision");

        Assert.Equal(["2"], room.Texts("#age-half .figure"));
        Assert.Equal(["2"], room.Texts("#age-eighty .figure"));
        Assert.Equal(["3"], room.Texts("#age-full .figure"));
        Assert.Equal(["2"], room.Texts("#age-over .figure"));
        Assert.Equal(["1"], room.Texts("#age-none .figure"));
        Assert.Contains("band-amber", room.Document.QuerySelector("#age-full")!.ClassName, StringComparison.Ordinal);
        var bars = room.Document.QuerySelectorAll("svg.ageing-bar rect").Select(r => (r.ClassName, r.GetAttribute("x"), r.GetAttribute("width"))).ToList();
        Assert.Equal([("band-calm", "0", "20"), ("band-mid", "20", "20"), ("band-amber", "40", "30"), ("band-over", "70", "20"), ("band-none", "90", "10")], bars);
    }

    [Fact]
    public async Task MinistryRoom_ShowsEachClerksWorkload_AndTheFeedOfTheLast20Changes_WithoutApplicantsOrAnswers()
    {
        var client = await SignedInAsync("supervisor");
        var response = await client.GetAsync("/supervision");
        var html = await response.Content.ReadAsStringAsync();
        var room = new Html.Page(response, await Html.ParseAsync(response));

        var workload = room.Texts("#charge tbody tr");
        Assert.Contains($"{RoomWorld.ClerkAName} 4 2 4", workload);
        Assert.Contains($"{RoomWorld.ClerkBName} 3 2 3", workload);
        Assert.Contains($"{RoomWorld.IdleClerkName} 0 0 0", workload);
        Assert.DoesNotContain(workload, w => w.Contains(RoomWorld.CommerceClerkName, StringComparison.Ordinal));
        Assert.Equal($"{RoomWorld.ClerkAName} 4 2 4", workload[0]);

        var feed = room.Texts("#feed li");
        Assert.Equal(
            [
                $"{World.Number("o1")} {World.Titles[RoomWorld.GoldPanning]} déposée",
                $"{World.Number("d4")} {World.Titles[RoomWorld.GoldPanning]} approuvée",
                $"{World.Number("d6")} {World.Titles[RoomWorld.GoldPanning]} approuvée",
                $"{World.Number("d6")} {World.Titles[RoomWorld.GoldPanning]} instruction commencée",
                $"{World.Number("d6")} {World.Titles[RoomWorld.GoldPanning]} déposée",
                $"{World.Number("e2")} {World.Titles[RoomWorld.Export]} rejetée",
                $"{World.Number("w1")} {World.Titles[RoomWorld.GoldPanning]} retirée",
                $"{World.Number("d4")} {World.Titles[RoomWorld.GoldPanning]} instruction commencée",
            ],
            feed.Take(8).Select(WithoutTime));
        // The first lines above say in words what the kinds mean; the rest follows the fixture's steps, newest first.
        var expected = World.Steps.Where(s => s.Slug != RoomWorld.ImporterCard).Reverse().Take(20)
            .Select(s => $"{World.Number(s.Request)} {World.Titles[s.Slug]} {Format.LowerFirst(RoomLabels.Kind(s.Kind))}").ToList();
        Assert.Equal(expected, feed.Select(WithoutTime));
        Assert.Equal("9 h 32", Time(room, "#feed li:first-child time"));

        foreach (var secret in new[] { RoomWorld.ApplicantName, RoomWorld.BusinessName, RoomWorld.Answer })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
        Assert.Contains(RoomWorld.ClerkAName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollups_AfterTheFixture_EqualWhatARebuildComputes()
    {
        const string Daily = "SELECT procedure_id, day, filed, decided, approved, withdrawn, decided_with_target, decided_within_target, decided_after_correction, collected_xof FROM supervision_daily_now ORDER BY 1, 2";
        const string Durations = "SELECT procedure_id, day, measure, days, sum(requests) FROM supervision_durations_now GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
        var before = (await RowsAsync(Daily), await RowsAsync(Durations));

        await Portal.WithOwnerDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT supervision_rebuild()"));
        var after = (await RowsAsync(Daily), await RowsAsync(Durations));

        Assert.NotEmpty(before.Item1);
        Assert.Equal(before.Item1, after.Item1);
        Assert.Equal(before.Item2, after.Item2);
    }

    private Task<string> NameAsync(string ministry) => Portal.WithDbAsync(db => db.Ministries.Where(m => m.Code == ministry).Select(m => m.Name).SingleAsync());

    private Task<string> OfficeNameAsync(string office) => Portal.WithDbAsync(db => db.Offices.Where(o => o.Code == office).Select(o => o.Name).SingleAsync());

    private async Task<List<string>> RowsAsync(string sql) => await Portal.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    });

    internal static List<(string, string)> Counters(Html.Page page) =>
        [.. page.Document.QuerySelectorAll(".counters .counter").Select(c => (c.Id!, Html.Collapse(c.QuerySelector(".figure")!.TextContent)))];

    private static string WithoutTime(string item) => string.Join(' ', item.Split(' ').SkipWhile(part => part != "TG" && !part.StartsWith("TG-", StringComparison.Ordinal)));

    private static string Time(Html.Page page, string selector) => Html.Collapse(page.Document.QuerySelector(selector)!.TextContent);

    private Task<HttpClient> SignedInAsync(string person) => SignIn(Portal, World[person]);

    internal static async Task<HttpClient> SignIn(PortalFactory portal, ApplicationUser user)
    {
        var client = portal.NewVisitor();
        await client.SignInWithTotpAsync(portal, user);
        return client;
    }
}
