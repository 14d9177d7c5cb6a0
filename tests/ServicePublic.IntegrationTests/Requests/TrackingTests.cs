using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.IntegrationTests.Requests;

[Collection(PortalCollection.Name)]
public sealed class TrackingTests(PortalFixture portal)
{
    private Task<Request> FiledAsync(ApplicationUser user, bool submit = true) => portal.Factory.FileAsync(user, submit: submit);

    private static Dictionary<string, string> Pair(string number, string code) => new() { ["TrackingNumber"] = number, ["CheckCode"] = code };

    [Fact]
    public async Task Suivi_ShowsTheStatus_ForTheRightNumberAndCode()
    {
        var request = await FiledAsync(await portal.Factory.CreateAsync());
        var visitor = portal.Factory.NewVisitor();
        var form = await visitor.GetPageAsync("/suivi");

        var page = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#track", Pair(request.TrackingNumber!.ToLowerInvariant(), request.CheckCode!.ToLowerInvariant())));
        var text = Html.Collapse(page.QuerySelector("main")!.TextContent);

        Assert.Contains(request.TrackingNumber!, text);
        Assert.Contains("Bulletin n° 3 du casier judiciaire", text);
        Assert.Contains("Déposée", text);
    }

    [Fact]
    public async Task Suivi_AnswersTheSame_ForAWrongCodeAndAnUnknownNumber()
    {
        var request = await FiledAsync(await portal.Factory.CreateAsync());
        var visitor = portal.Factory.NewVisitor();
        var form = await visitor.GetPageAsync("/suivi");

        var wrongCode = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#track", Pair(request.TrackingNumber!, request.CheckCode == "AAAAAA" ? "BBBBBB" : "AAAAAA")));
        var unknown = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#track", Pair("TG-2026-99999999", "AAAAAA")));
        var malformed = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#track", Pair("<script>", "1")));

        var message = "Aucune demande ne correspond à ce numéro et à ce code.";
        Assert.Contains(message, wrongCode.QuerySelector(".notice.error")?.TextContent);
        Assert.Contains(message, unknown.QuerySelector(".notice.error")?.TextContent);
        Assert.Contains("TG-2026-00012345", malformed.QuerySelector("[data-valmsg-for=TrackingNumber]")?.TextContent);
        Assert.Equal("<script>", malformed.QuerySelector("#TrackingNumber")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Suivi_IsRateLimited()
    {
        await using var limited = new PortalFactory(portal.Factory.ConnectionString, settings: new Dictionary<string, string>
        {
            ["RateLimits:Accounts:PermitLimit"] = "3",
            ["Database:SeedCatalogue"] = "false",
        });
        limited.Start();
        var guesser = limited.NewVisitor();
        var form = await guesser.GetPageAsync("/suivi");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await guesser.SubmitFormAsync(form, "form#track", Pair($"TG-2026-0000000{i}", "AAAAAA"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task MyRequests_ListsMineAndMyBusinesses_ButNotOthers()
    {
        var me = await portal.Factory.CreateAsync();
        var someoneElse = await portal.Factory.CreateAsync();
        var mine = await FiledAsync(me);
        var draft = await FiledAsync(me, submit: false);
        var theirs = await FiledAsync(someoneElse);
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(me.Email!);

        var all = await visitor.GetPageAsync("/demandes");
        var drafts = await visitor.GetPageAsync("/demandes?statut=brouillon");

        Assert.Contains(mine.TrackingNumber!, all.MainText);
        Assert.DoesNotContain(theirs.TrackingNumber!, all.MainText);
        Assert.NotNull(all.Document.QuerySelector($"a[href='/demandes/brouillons/{draft.Id}']"));
        Assert.Single(drafts.Document.QuerySelectorAll("table.data tbody tr"));
    }

    [Fact]
    public async Task MyRequests_OfAnAccountWithMoreThanTwoHundred_ShowsTheNewest200_AndCountsAndFiltersThemAll()
    {
        var me = await portal.Factory.CreateAsync();
        var oldest = await FiledAsync(me);
        var draft = await FiledAsync(me, submit: false);
        await portal.Factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO requests
            SELECT (jsonb_populate_record(r, jsonb_build_object('id', gen_random_uuid(), 'updated_at', r.updated_at + g * interval '1 second'))).*
            FROM requests r, generate_series(1, 200) g WHERE r.id = {draft.Id}
            """));
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(me.Email!);

        var all = await visitor.GetPageAsync("/demandes");
        var filed = await visitor.GetPageAsync("/demandes?statut=deposee");
        var filters = Html.Collapse(all.Document.QuerySelector("nav.filters-inline")!.TextContent);

        Assert.Contains("Toutes (202)", filters);
        Assert.Contains("Brouillon (201)", filters);
        Assert.Contains("Déposée (1)", filters);
        Assert.Equal(200, all.Document.QuerySelectorAll("table.data tbody tr").Length);
        Assert.DoesNotContain(oldest.TrackingNumber!, all.MainText);
        Assert.Single(filed.Document.QuerySelectorAll("table.data tbody tr"));
        Assert.Contains(oldest.TrackingNumber!, filed.MainText);
    }
}
