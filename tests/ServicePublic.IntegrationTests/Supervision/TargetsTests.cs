using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Supervision;
using ServicePublic.Web.Features.Supervision;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// The targets pages' figures against hand-computed fixtures, and who may see them. A database
/// of its own: the ministries measured here (MERF in 2021, MAEDR this year) are filed in by no one else.
/// </summary>
public sealed class TargetsTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Conformity = "certificat-conformite-environnementale"; // MERF
    private const string ImpactStudy = "validation-etude-impact-environnemental"; // MERF
    private const string Phytosanitary = "certificat-phytosanitaire-exportation"; // MAEDR
    private const string PlantImports = "permis-importation-vegetaux"; // MAEDR

    private PortalFactory Portal => portal.Factory;

    private static DateTimeOffset In2021(int month, int day, int hour = 8) => new(2021, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ActualValues_EqualAHandComputedFixture_OverTheMinistryAndEachProcedure()
    {
        var f = new TargetsFixtures(Portal);
        // Conformity: 3 days within 10; 14.5 days less 10 awaiting the applicant (5 started) within
        // a due date moved to 21 Feb; 19 days, late. Then one open, one withdrawn, one decided in June.
        await f.DecidedAsync(Conformity, In2021(2, 1), In2021(2, 4), targetDays: 10);
        await f.DecidedAsync(Conformity, In2021(2, 1), In2021(2, 15, 20), targetDays: 10, approved: false, waited: TimeSpan.FromDays(10));
        await f.DecidedAsync(Conformity, In2021(2, 1), In2021(2, 20), targetDays: 10);
        await f.FiledAsync(Conformity, In2021(4, 1));
        await f.FiledAsync(Conformity, In2021(4, 2), withdrawn: true);
        await f.DecidedAsync(Conformity, In2021(6, 1), In2021(6, 10), targetDays: 10);
        // Impact study: 7 days without a target; 2 hours (1 day started) within 5; filed in
        // December 2020, decided in January after 16 days; six within 30 after 2 to 12 days; a draft.
        await f.DecidedAsync(ImpactStudy, In2021(3, 1), In2021(3, 8), targetDays: null);
        await f.DecidedAsync(ImpactStudy, In2021(3, 1), In2021(3, 1, 10), targetDays: 5, approved: false);
        await f.DecidedAsync(ImpactStudy, new DateTimeOffset(2020, 12, 20, 8, 0, 0, TimeSpan.Zero), In2021(1, 5), targetDays: 30);
        foreach (var days in new[] { 2, 4, 6, 8, 10, 12 })
        {
            await f.DecidedAsync(ImpactStudy, In2021(5, 1), In2021(5, 1 + days), targetDays: 30);
        }
        await f.DraftAsync(ImpactStudy, In2021(3, 15));
        // Another ministry's decision, the same days.
        await f.DecidedAsync("bulletin-casier-judiciaire-n3", In2021(2, 1), In2021(2, 2), targetDays: 3);
        IndicatorKind[] kinds = [IndicatorKind.DecidedWithinTarget, IndicatorKind.P90Days, IndicatorKind.FiledOnline, IndicatorKind.ApprovalRate];
        var indicators = await f.ProgrammeAsync("MERF", "Q1", [.. new string?[] { null, Conformity, ImpactStudy }
            .SelectMany(procedure => kinds.Select(kind => new IndicatorSpec(kind, procedure, 0, 1)))]);

        var lines = await MeasureAsync("MERF", new TargetsPeriod(new DateOnly(2021, 5, 31)));
        (decimal? Value, int Count) Actual(int index) => (lines[indicators[index].Id].Actual.Value, lines[indicators[index].Id].Actual.Count);

        // The ministry: 11 decisions with a target, 10 within; p90 of 1,2,3,4,5,6,7,8,10,12,16,19 is
        // the 11th (0.9 × 12 = 10.8): 16; 13 filed from January to May; 10 approvals of 12 decisions.
        Assert.Equal((90.9m, 11), Actual(0));
        Assert.Equal((16m, 12), Actual(1));
        Assert.Equal((13m, 13), Actual(2));
        Assert.Equal((83.3m, 12), Actual(3));
        // Conformity: 2 of 3 within; p90 of 3, 5, 19: 19; 5 filed; 2 approvals of 3.
        Assert.Equal((66.7m, 3), Actual(4));
        Assert.Equal((19m, 3), Actual(5));
        Assert.Equal((5m, 5), Actual(6));
        Assert.Equal((66.7m, 3), Actual(7));
        // Impact study: 8 of 8 within; p90 of 1,2,4,6,7,8,10,12,16 (0.9 × 9 = 8.1: the 9th): 16; 8 filed; 8 of 9.
        Assert.Equal((100m, 8), Actual(8));
        Assert.Equal((16m, 9), Actual(9));
        Assert.Equal((8m, 8), Actual(10));
        Assert.Equal((88.9m, 9), Actual(11));
    }

    [Fact]
    public async Task MinistryPage_ShowsEachIndicatorsActualValueAndStatus_InWordsAndIcon_AndTheAdministratorsOverviewTheSame()
    {
        var now = DateTimeOffset.UtcNow;
        var f = new TargetsFixtures(Portal);
        // Eleven decisions today after 1 to 10 and 20 days, target 10: 10 within; 8 approved;
        // p90 (0.9 × 11 = 9.9: the 10th) 10 days. Three requests filed today in another procedure.
        foreach (var days in Enumerable.Range(1, 10).Append(20))
        {
            await f.DecidedAsync(Phytosanitary, now.AddDays(-days), now, targetDays: 10, approved: days <= 8);
        }
        for (var i = 0; i < 3; i++)
        {
            await f.FiledAsync(PlantImports, now);
        }
        var indicators = await f.ProgrammeAsync("MAEDR", "T1",
            new(IndicatorKind.DecidedWithinTarget, Phytosanitary, 50, 90),
            new(IndicatorKind.ApprovalRate, Phytosanitary, 50, 80),
            new(IndicatorKind.P90Days, Phytosanitary, 20, 9),
            new(IndicatorKind.FiledOnline, PlantImports, 0, 100_000),
            new(IndicatorKind.ApprovalRate, PlantImports, 50, 80),
            new(IndicatorKind.ApprovalRate, null, 70, 72));
        var supervisor = await SignedInAsync(Roles.Supervisor, "MAEDR");
        var administrator = await SignedInAsync(Roles.Administrator);

        var page = await supervisor.GetPageAsync("/supervision/objectifs");
        var overview = await administrator.GetPageAsync("/supervision/objectifs");
        var opened = await administrator.GetPageAsync("/supervision/objectifs?ministere=MAEDR");
        string[] Shown(int index, Html.Page on) => [.. new[] { ".actual", ".status", ".target" }.SelectMany(s => on.Texts($"#indicateur-{indicators[index].Id} {s}"))];

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Ministère de l'Agriculture", page.Texts("#ministry").Single(), StringComparison.Ordinal);
        Assert.Equal(["90,9 %", "✓ En bonne voie", "90 %"], Shown(0, page));
        Assert.Equal(["72,7 %", "✕ Hors trajectoire", "80 %"], Shown(1, page));
        Assert.Equal(["10 jours", "! À risque", "9 jours"], Shown(2, page));
        Assert.Equal(["3", "✕ Hors trajectoire", "100 000"], Shown(3, page));
        Assert.Equal(["—", "– Pas encore de mesure", "80 %"], Shown(4, page));
        Assert.Equal(["72,7 %", "✓ En bonne voie", "72 %"], Shown(5, page));
        Assert.Equal(["sur 11 décisions"], page.Texts($"#indicateur-{indicators[0].Id} .n"));
        Assert.Empty(page.Texts($"#indicateur-{indicators[4].Id} .n"));
        Assert.Equal(["Tout le ministère"], page.Texts($"#indicateur-{indicators[5].Id} .scope"));
        Assert.Single(page.Texts($"#indicateur-{indicators[3].Id} .to-date"));
        Assert.Contains($"Valeurs réelles {now.Year}", page.Texts("#period").Single(), StringComparison.Ordinal);
        Assert.NotEmpty(page.Texts("#regle li"));
        Assert.Null(page.Document.QuerySelector("#all-ministries"));
        Assert.NotNull(page.Document.QuerySelector("nav a[href='/supervision/objectifs']"));

        // The administrator: every ministry in one table, the same figures; and the ministry's own page.
        Assert.Equal(HttpStatusCode.OK, overview.Status);
        Assert.Equal(await MinistryCountAsync(), overview.Document.QuerySelectorAll("[id^=ministere-]").Length);
        Assert.Equal("72,7 % / 80 % ✕ Hors trajectoire T1 · Certificat phytosanitaire à l'exportation",
            overview.Texts($"#ministere-MAEDR .ApprovalRate #indicateur-{indicators[1].Id}").Single());
        Assert.StartsWith("10 jours / 9 jours ! À risque", overview.Texts($"#ministere-MAEDR .P90Days #indicateur-{indicators[2].Id}").Single(), StringComparison.Ordinal);
        Assert.Empty(overview.Texts("#ministries #ministere-MESR"));
        Assert.NotNull(overview.Document.QuerySelector("#without-programmes #ministere-MESR a[href='/supervision/objectifs?ministere=MESR']"));
        Assert.NotNull(overview.Document.QuerySelector("#ministere-MAEDR a[href='/supervision/objectifs?ministere=MAEDR']"));
        Assert.Equal(Shown(1, page), Shown(1, opened));
        Assert.NotNull(opened.Document.QuerySelector("#all-ministries"));
    }

    [Fact]
    public async Task ASupervisor_SeesOnlyTheirMinistry_AnotherAnswers404_AndClerksAndCitizensAreRefused()
    {
        var other = await new TargetsFixtures(Portal).ProgrammeAsync("MAEDR", "R1", new IndicatorSpec(IndicatorKind.ApprovalRate, null, 50, 80));
        var supervisor = await SignedInAsync(Roles.Supervisor, "MDERM");
        var administrator = await SignedInAsync(Roles.Administrator);
        var clerk = await SignedInAsync(Roles.Agent, "MDERM");
        var citizen = Portal.NewVisitor();
        await citizen.SignInAsync((await Portal.CreateAsync()).Email!);
        var anonymous = Portal.NewVisitor();
        var token = await TargetsFixtures.TokenAsync(supervisor);
        FormUrlEncodedContent Form(params (string, string)[] fields) =>
            new([new("__RequestVerificationToken", token), .. fields.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))]);

        var own = await supervisor.GetPageAsync("/supervision/objectifs");
        var ownByCode = await supervisor.GetAsync("/supervision/objectifs?ministere=mderm");
        var another = await supervisor.GetAsync("/supervision/objectifs?ministere=MAEDR");
        var unknown = await supervisor.GetAsync("/supervision/objectifs?ministere=NULLEPART");
        var anotherIndicator = await supervisor.GetAsync($"/supervision/objectifs/indicateurs/{other[0].Id}");
        var editAnother = await supervisor.PostAsync($"/supervision/objectifs/indicateurs/{other[0].Id}",
            Form(("BaselineYear", "2025"), ("Baseline", "1"), ("Targets[2026]", "1"), ("Targets[2027]", "1"), ("Targets[2028]", "1")));
        var delayOfAnother = await supervisor.PostAsync("/supervision/objectifs/demarches/homologation-pesticides/delai", Form(("jours", "30")));
        var byAdministrator = await administrator.GetAsync("/supervision/objectifs?ministere=MAEDR");
        var unknownToAdministrator = await administrator.GetAsync("/supervision/objectifs?ministere=NULLEPART");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Contains("Énergie", own.Texts("#ministry").Single(), StringComparison.Ordinal);
        Assert.Null(own.Document.QuerySelector("#ministries"));
        Assert.Equal(HttpStatusCode.OK, ownByCode.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, another.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anotherIndicator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, editAnother.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delayOfAnother.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdministrator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownToAdministrator.StatusCode);
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(50, (await db.Indicators.SingleAsync(i => i.Id == other[0].Id)).Baseline);
            Assert.Null(await db.Procedures.Where(p => p.Slug == "homologation-pesticides").Select(p => p.TargetDelayDays).SingleAsync());
        }

        foreach (var url in new[] { "/supervision/objectifs", $"/supervision/objectifs/indicateurs/{other[0].Id}" })
        {
            Assert.StartsWith("/compte/connexion", TargetsFixtures.Where(await anonymous.GetAsync(url)));
            Assert.StartsWith("/compte/acces-refuse", TargetsFixtures.Where(await clerk.GetAsync(url)));
            Assert.StartsWith("/compte/acces-refuse", TargetsFixtures.Where(await citizen.GetAsync(url)));
        }
        Assert.Null((await clerk.GetPageAsync("/agent")).Document.QuerySelector("nav a[href='/supervision/objectifs']"));
    }

    [Fact]
    public async Task DemoProgrammes_AreSeededOnce_WithTheirTargets()
    {
        for (var run = 0; run < 2; run++)
        {
            await using var scope = Portal.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ProgrammesSeeder>().SeedAsync();
        }

        await using var check = Portal.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var mines = await db.Programmes.Include(p => p.Indicators)
            .Where(p => p.MinistryId == db.Ministries.Single(m => m.Code == "MDERM").Id && p.Code == "P2").SingleAsync();
        var withinTarget = mines.Indicators.Single(i => i.Kind == IndicatorKind.DecidedWithinTarget);
        Assert.Equal("Amélioration de l'accès aux services miniers", mines.Name);
        Assert.Equal((2025, 40m), (withinTarget.BaselineYear, withinTarget.Baseline));
        Assert.Equal([60m, 75m, 90m], IndicatorRules.TargetYears.Select(y => withinTarget.TargetFor(y)!.Value));
        Assert.Equal(3, mines.Indicators.Count);
        var programmes = await db.Programmes.Join(db.Ministries, p => p.MinistryId, m => m.Id, (p, m) => m.Code + "/" + p.Code).ToListAsync();
        Assert.All(ProgrammesSeeder.Programmes, seed => Assert.Single(programmes, $"{seed.Ministry}/{seed.Code}"));
    }

    private async Task<int> MinistryCountAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Ministries.CountAsync();
    }

    /// <summary>The indicators of <paramref name="ministry"/>'s programmes, measured over <paramref name="period"/> as the page does.</summary>
    private async Task<Dictionary<int, IndicatorLine>> MeasureAsync(string ministry, TargetsPeriod period)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<TargetsQueries>();
        var chosen = (await queries.MinistriesAsync(default)).Single(m => m.Code == ministry);
        var targets = await queries.TargetsAsync([chosen], period, default);
        return targets.Single().Indicators.ToDictionary(l => l.Indicator.Id);
    }

    private async Task<HttpClient> SignedInAsync(string role, string? ministryCode = null) =>
        (await new TargetsFixtures(Portal).StaffAsync(role, ministryCode)).Client;
}
