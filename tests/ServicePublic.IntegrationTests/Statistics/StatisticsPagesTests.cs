using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using static ServicePublic.IntegrationTests.Statistics.StatisticsFixture;

namespace ServicePublic.IntegrationTests.Statistics;

/// <summary>
/// The public statistics pages, read anonymously, against the hand-computed fixture: every figure
/// as the visitor reads it (StatisticsFixture says how each was built).
/// </summary>
[Collection(StatisticsCollection.Name)]
public sealed class StatisticsPagesTests(StatisticsFixture fixture)
{
    private const string NoFigure = "moins de 20 demandes : pas de chiffre publié";
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-TG");

    private readonly HttpClient _visitor = fixture.NewVisitor();

    [Fact]
    public async Task Nation_ShowsEveryFigure_AsComputedByHand()
    {
        var page = await _visitor.GetPageAsync("/statistiques");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // 43 filed over the 12 months; 42 decisions: 34 approved, 39 with a target, 25 of them within it, 24 after a correction.
        AssertFigures(page, filed: "43", decided: "42", approval: "81 % (n = 42)", withinTarget: "64 % (n = 39)",
            // Administration days of the 42 decisions: the 21st is 6 days, the 38th 16 days; waits are not in them.
            withAdministration: "la moitié en 6 jours, 9 sur 10 en 16 jours (n = 42)",
            afterCorrection: "57 % (n = 42)",
            // The 24 waits, 1,1,1,2,2,2,2,2,3,3,3,3,3,3,3,4,4,5,5,6,7,8,9,10: the 12th is 3, the 22nd 8.
            awaitingApplicant: "la moitié en 3 jours, 9 sur 10 en 8 jours (n = 24)",
            withdrawn: "1");
        Assert.Equal(
            Months((1, 1), (1, 1), (4, 4), (1, 1), (1, 1), (1, 1), (20, 19), (1, 2), (1, 1), (1, 1), (6, 1), (5, 9), (2, 1)),
            page.Texts("#par-mois tbody tr"));
        Assert.Equal(["40", "39", "82 % (n = 39)", "la moitié en 6 jours, 9 sur 10 en 20 jours (n = 39)"], Row(page, "/statistiques/MDERM"));
        Assert.Equal(["3", "3", NoFigure, NoFigure], Row(page, "/statistiques/MCIC"));
        Assert.True(page.Document.QuerySelectorAll("#par-ministere tbody tr").Length >= 12);
        Assert.Empty(page.Document.QuerySelectorAll(".breadcrumb"));
        Assert.NotNull(page.Document.QuerySelector($"footer a[href='/statistiques']"));
    }

    [Fact]
    public async Task Ministry_ShowsItsFigures_ListsItsProcedures_AndLinksUp()
    {
        var page = await _visitor.GetPageAsync("/statistiques/MDERM");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertFigures(page, filed: "40", decided: "39", approval: "82 % (n = 39)", withinTarget: "64 % (n = 39)",
            withAdministration: "la moitié en 6 jours, 9 sur 10 en 20 jours (n = 39)",
            afterCorrection: "62 % (n = 39)",
            awaitingApplicant: "la moitié en 3 jours, 9 sur 10 en 8 jours (n = 24)",
            withdrawn: "1");
        Assert.Equal(
            Months((1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (20, 19), (1, 2), (1, 1), (1, 1), (6, 1), (5, 9), (2, 1)),
            page.Texts("#par-mois tbody tr"));
        // 20 decisions: a figure; 19: none.
        Assert.Equal(["21", "20", "85 % (n = 20)", "la moitié en 5 jours, 9 sur 10 en 20 jours (n = 20)"], Row(page, "/statistiques/demarches/carte-orpailleur"));
        Assert.Equal(["19", "19", NoFigure, NoFigure], Row(page, "/statistiques/demarches/permis-recherche-miniere"));
        Assert.Equal(["/statistiques"], page.Document.QuerySelectorAll(".breadcrumb a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.Document.QuerySelector("a[href='/ministeres/MDERM']"));
        Assert.NotNull(page.Document.QuerySelector("#donnees-ouvertes a[href='/statistiques/donnees.csv?ministere=MDERM']"));
    }

    [Fact]
    public async Task Procedure_With20Decisions_PublishesItsFigures_ButNotThoseFromFewer()
    {
        var page = await _visitor.GetPageAsync("/statistiques/demarches/carte-orpailleur");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertFigures(page, filed: "21", decided: "20", approval: "85 % (n = 20)", withinTarget: "75 % (n = 20)",
            withAdministration: "la moitié en 5 jours, 9 sur 10 en 20 jours (n = 20)",
            afterCorrection: "25 % (n = 20)",
            // Only 5 decisions waited for the applicant.
            awaitingApplicant: NoFigure,
            withdrawn: "1");
        Assert.Equal(
            Months((1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (6, 1), (5, 9), (2, 1)),
            page.Texts("#par-mois tbody tr"));
        Assert.Equal(["/statistiques", "/statistiques/MDERM"], page.Document.QuerySelectorAll(".breadcrumb a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.Document.QuerySelector("a[href='/demarches/carte-orpailleur']"));
        Assert.Empty(page.Document.QuerySelectorAll("#par-demarche, #par-ministere"));
    }

    [Fact]
    public async Task Procedure_With19Decisions_SaysSoInsteadOfEveryRateAndDelay()
    {
        var page = await _visitor.GetPageAsync("/statistiques/demarches/permis-recherche-miniere");

        AssertFigures(page, filed: "19", decided: "19", approval: NoFigure, withinTarget: NoFigure, withAdministration: NoFigure,
            afterCorrection: NoFigure, awaitingApplicant: NoFigure, withdrawn: "0");
    }

    [Fact]
    public async Task Ministry_WithoutTargets_PublishesNoWithinTargetShare()
    {
        var page = await _visitor.GetPageAsync("/statistiques/mcic");

        AssertFigures(page, filed: "3", decided: "3", approval: NoFigure, withinTarget: NoFigure, withAdministration: NoFigure,
            afterCorrection: NoFigure, awaitingApplicant: NoFigure, withdrawn: "0");
    }

    [Fact]
    public async Task Chart_IsAnAccessibleSvg_FollowedByItsTable_WithoutInlineStyles()
    {
        var page = await _visitor.GetPageAsync("/statistiques");

        var svg = page.Document.QuerySelector("figure.chart svg[role=img]")!;
        Assert.Equal("graphique-titre graphique-description", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Demandes déposées et décidées par mois", svg.QuerySelector("title#graphique-titre")?.TextContent);
        Assert.Contains("Le tableau qui suit donne les mêmes nombres.", svg.QuerySelector("desc#graphique-description")?.TextContent);
        Assert.StartsWith("0 0 360 ", svg.GetAttribute("viewBox"));
        // M-6, the busiest month (20 filed), spans the plot; every value is written beside its bar.
        Assert.Contains(svg.QuerySelectorAll("rect"), r => r.GetAttribute("width") == "208");
        Assert.Equal(13 * 2 + 2, svg.QuerySelectorAll("g text:not([text-anchor])").Length); // and the legend's two words
        Assert.Equal("TABLE", page.Document.QuerySelector("figure.chart + table")?.TagName);
        Assert.Equal("Demandes déposées et décidées par mois", page.Document.QuerySelector("#par-mois caption")?.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("[style], style, script:not([src])"));
    }

    [Fact]
    public async Task UnknownMinistryOrProcedure_IsNotFound_AndTheQueryStringLeadsToThePage()
    {
        var unknownMinistry = await _visitor.GetAsync("/statistiques/NULLEPART");
        var unknownProcedure = await _visitor.GetAsync("/statistiques/demarches/nulle-part");
        var tooLong = await _visitor.GetAsync("/statistiques/" + new string('X', 40));
        var byQuery = await _visitor.GetAsync("/statistiques?ministere=mderm");
        var procedureByQuery = await _visitor.GetAsync("/statistiques?demarche=carte-orpailleur");

        Assert.Equal(HttpStatusCode.NotFound, unknownMinistry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownProcedure.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tooLong.StatusCode);
        Assert.Equal("/statistiques/MDERM", byQuery.Headers.Location?.OriginalString);
        Assert.Equal("/statistiques/demarches/carte-orpailleur", procedureByQuery.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Pages_ShowNoNameTrackingNumberOrAnswer()
    {
        foreach (var path in new[] { "/statistiques", "/statistiques/MDERM", "/statistiques/demarches/carte-orpailleur", "/demarches/carte-orpailleur" })
        {
            var html = await _visitor.GetStringAsync(path);

            Assert.DoesNotContain(ApplicantName, html);
            Assert.DoesNotContain(Answer, html);
            Assert.DoesNotContain(fixture.TrackingNumbers, html.Contains);
        }
    }

    [Fact]
    public async Task Pages_AreServedInEnglishToo()
    {
        var english = fixture.NewVisitor();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var page = await english.GetPageAsync("/statistiques/demarches/carte-orpailleur");

        Assert.Equal(["half within 5 days, 9 in 10 within 20 days (n = 20)"], page.Texts("#temps-administration"));
        Assert.Equal(["fewer than 20 requests: no figure published"], page.Texts("#attente-demandeur"));
        Assert.Equal(["85% (n = 20)"], page.Texts("#taux-approbation"));
    }

    [Fact]
    public async Task Rollups_KeptByTheTriggers_EqualARebuildFromTheRequests()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var daily = await RollupsAsync(db);
        await fixture.Factory.WithOwnerDbAsync(owner => owner.Database.ExecuteSqlRawAsync("SELECT supervision_rebuild()"));
        var rebuilt = await RollupsAsync(db);

        Assert.Contains(daily, r => r.StartsWith("durations", StringComparison.Ordinal) && r.Contains(" W ", StringComparison.Ordinal));
        Assert.Equal(rebuilt, daily);
    }

    private static Task<List<string>> RollupsAsync(AppDbContext db) => db.Database.SqlQueryRaw<string>("""
        SELECT concat_ws(' ', 'daily', procedure_id, day, filed, decided, approved, withdrawn, decided_with_target,
            decided_within_target, decided_after_correction, collected_xof) AS "Value" FROM supervision_daily_now
        UNION ALL
        SELECT concat_ws(' ', 'durations', procedure_id, day, measure, days, sum(requests)) FROM supervision_durations_now GROUP BY procedure_id, day, measure, days
        ORDER BY 1
        """).ToListAsync();

    /// <summary>The rows of the months' table, M-12 to M0, from their (filed, decided) counts.</summary>
    private string[] Months(params (int Filed, int Decided)[] counts) => [.. counts.Select((c, i) => Month(i - 12, c.Filed, c.Decided))];

    private string Month(int offset, int filed, int decided) =>
        $"{fixture.Month(offset).ToString("MMMM yyyy", French)}{(offset == 0 ? " (mois en cours)" : "")} {filed} {decided}";

    private static IReadOnlyList<string> Row(Html.Page page, string href) =>
        [.. page.Document.QuerySelector($"a[href='{href}']")!.Closest("tr")!.QuerySelectorAll("td").Select(td => Html.Collapse(td.TextContent))];

    private static void AssertFigures(Html.Page page, string filed, string decided, string approval, string withinTarget,
        string withAdministration, string afterCorrection, string awaitingApplicant, string withdrawn)
    {
        Assert.Equal(
            [filed, decided, approval, withinTarget, withAdministration, afterCorrection, awaitingApplicant, withdrawn],
            page.Texts("#deposees, #decidees, #taux-approbation, #dans-le-delai, #temps-administration, #apres-complement, #attente-demandeur, #retirees"));
    }
}
