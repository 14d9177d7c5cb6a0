using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using static ServicePublic.IntegrationTests.Statistics.StatisticsFixture;

namespace ServicePublic.IntegrationTests.Statistics;

/// <summary>The open data files, read anonymously, against the hand-computed fixture (see StatisticsFixture).</summary>
[Collection(StatisticsCollection.Name)]
public sealed class OpenDataTests(StatisticsFixture fixture)
{
    private const string Header =
        "date;ministere;bureau;demarche;demarche_titre;deposees;decidees;approuvees;retirees;decidees_avec_delai_cible;" +
        "decidees_dans_le_delai;decidees_apres_complement;jours_administration;jours_attente_demandeur";

    private readonly HttpClient _visitor = fixture.NewVisitor();

    [Fact]
    public async Task Csv_HasOneLinePerProcedureAndDay_WithItsCountsAndDurations()
    {
        var (from, to) = MonthBounds(-10);

        var response = await _visitor.GetAsync($"/statistiques/donnees.csv?du={from}&au={to}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"statistiques-{from}-{to}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        // No cookie, no personal answer: any cache may keep it for a minute.
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(Header, lines[0]);
        // M-10: three importer cards filed on day 1 and decided on days 3, 4 (rejected) and 17 after
        // 2, 3 and 16 days, without a target; a gold panning card filed on day 10, decided on day 12.
        Assert.Equal(
            [
                [Iso(-10, 1), "MCIC", "DCE", ImporterCard, "Carte d'importateur", "3", "0", "0", "0", "0", "0", "0", "", ""],
                [Iso(-10, 3), "MCIC", "DCE", ImporterCard, "Carte d'importateur", "0", "1", "1", "0", "0", "0", "0", "2:1", ""],
                [Iso(-10, 4), "MCIC", "DCE", ImporterCard, "Carte d'importateur", "0", "1", "0", "0", "0", "0", "0", "3:1", ""],
                [Iso(-10, 10), "MDERM", "DGMG", GoldPanning, "Carte d'orpailleur", "1", "0", "0", "0", "0", "0", "0", "", ""],
                [Iso(-10, 12), "MDERM", "DGMG", GoldPanning, "Carte d'orpailleur", "0", "1", "1", "0", "1", "1", "0", "2:1", ""],
                [Iso(-10, 17), "MCIC", "DCE", ImporterCard, "Carte d'importateur", "0", "1", "1", "0", "0", "0", "0", "16:1", ""],
            ],
            lines[1..].Select(line => line.Split(';').Select(field => field.Trim('"')).ToArray()));
    }

    [Fact]
    public async Task Json_OfOneProcedure_CarriesTheSameColumns_WithDurationsByDays()
    {
        var (from, to) = MonthBounds(-6);

        var response = await _visitor.GetAsync($"/statistiques/donnees.json?du={from}&au={to}&demarche={MiningResearch}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(from, json.RootElement.GetProperty("du").GetString());
        Assert.Equal(to, json.RootElement.GetProperty("au").GetString());
        var rows = json.RootElement.GetProperty("lignes").EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Equal(
            ["date", "ministere", "bureau", "demarche", "demarche_titre", "deposees", "decidees", "approuvees", "retirees",
             "decidees_avec_delai_cible", "decidees_dans_le_delai", "decidees_apres_complement", "jours_administration", "jours_attente_demandeur"],
            row.EnumerateObject().Select(p => p.Name)));
        Assert.All(rows, row => Assert.Equal(["MDERM", "DGMG", MiningResearch, "Permis de recherche minière"],
            new[] { "ministere", "bureau", "demarche", "demarche_titre" }.Select(k => row.GetProperty(k).GetString())));
        // Filed on day 5 of M-6 with a target of 7 days; decided on day 5 + administration + wait days
        // (the 40 + 9 days one in M-5); rejected: the 1st (day 10), 6th (13), 11th (16) and 16th (21).
        Assert.Equal(
            [
                $"{Iso(-6, 5)} 19 0 0 0 0 0 0 {{}} {{}}",
                $"{Iso(-6, 10)} 0 3 2 0 3 3 3 {{4:3}} {{1:3}}",
                $"{Iso(-6, 11)} 0 2 2 0 2 2 2 {{4:2}} {{2:2}}",
                $"{Iso(-6, 13)} 0 2 1 0 2 2 2 {{6:2}} {{2:2}}",
                $"{Iso(-6, 14)} 0 3 3 0 3 3 3 {{6:3}} {{3:3}}",
                $"{Iso(-6, 16)} 0 2 1 0 2 0 2 {{8:2}} {{3:2}}",
                $"{Iso(-6, 17)} 0 2 2 0 2 0 2 {{8:2}} {{4:2}}",
                $"{Iso(-6, 18)} 0 1 1 0 1 0 1 {{8:1}} {{5:1}}",
                $"{Iso(-6, 21)} 0 1 0 0 1 0 1 {{11:1}} {{5:1}}",
                $"{Iso(-6, 22)} 0 1 1 0 1 0 1 {{11:1}} {{6:1}}",
                $"{Iso(-6, 24)} 0 1 1 0 1 0 1 {{11:1}} {{8:1}}",
            ],
            rows.Select(Summary));
    }

    [Fact]
    public async Task OpenData_HoldsNoNameTrackingNumberOrAnswer()
    {
        foreach (var path in new[] { "/statistiques/donnees.csv", "/statistiques/donnees.json", "/statistiques/donnees.json?ministere=MDERM" })
        {
            var body = await _visitor.GetStringAsync(path);

            Assert.Contains(GoldPanning, body);
            Assert.DoesNotContain(ApplicantName, body);
            Assert.DoesNotContain(Answer, body);
            Assert.DoesNotContain("Afi Mensah", body);
            Assert.DoesNotContain(fixture.TrackingNumbers, body.Contains);
        }
    }

    [Fact]
    public async Task OpenData_ByDefault_CoversThePagesPeriod_AndCountsWhatThePagesCount()
    {
        var response = await _visitor.GetAsync($"/statistiques/donnees.json?ministere=mderm");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = json.RootElement.GetProperty("lignes").EnumerateArray().ToList();
        var counted = rows.Where(r => string.CompareOrdinal(r.GetProperty("date").GetString(), Iso(0, 1)) < 0).ToList();

        Assert.Equal(Iso(-12, 1), json.RootElement.GetProperty("du").GetString());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), json.RootElement.GetProperty("au").GetString());
        Assert.Equal(40, counted.Sum(r => r.GetProperty("deposees").GetInt32()));
        Assert.Equal(39, counted.Sum(r => r.GetProperty("decidees").GetInt32()));
        Assert.Equal(32, counted.Sum(r => r.GetProperty("approuvees").GetInt32()));
        Assert.Equal(1, counted.Sum(r => r.GetProperty("retirees").GetInt32()));
        Assert.Equal(24, counted.Sum(r => r.GetProperty("jours_attente_demandeur").EnumerateObject().Sum(p => p.Value.GetInt32())));
    }

    [Theory]
    [InlineData("?du=31/01/2026", "La date de début (du) doit s'écrire AAAA-MM-JJ, par exemple 2026-01-31.")]
    [InlineData("?au=2026-02-30", "La date de fin (au) doit s'écrire AAAA-MM-JJ, par exemple 2026-01-31.")]
    [InlineData("?du=2026-05-02&au=2026-05-01", "La date de fin (au) ne peut pas précéder la date de début (du).")]
    [InlineData("?du=2020-01-01&au=2026-01-01", "Une période couvre au plus 731 jours (deux ans) : demandez les années suivantes dans un autre fichier.")]
    public async Task BadDates_Get400_WithAFrenchMessage(string query, string message)
    {
        var csv = await _visitor.GetAsync("/statistiques/donnees.csv" + query);
        var json = await _visitor.GetAsync("/statistiques/donnees.json" + query);

        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal(message, await csv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(message, await json.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownMinistryOrProcedure_IsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _visitor.GetAsync("/statistiques/donnees.csv?ministere=NULLEPART")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _visitor.GetAsync("/statistiques/donnees.json?demarche=nulle-part")).StatusCode);
    }

    private static string Summary(JsonElement row) => string.Join(' ',
        new[] { "date", "deposees", "decidees", "approuvees", "retirees", "decidees_avec_delai_cible", "decidees_dans_le_delai", "decidees_apres_complement" }
            .Select(k => row.GetProperty(k).ToString())
            .Concat(new[] { "jours_administration", "jours_attente_demandeur" }
                .Select(k => "{" + string.Join(',', row.GetProperty(k).EnumerateObject().Select(p => $"{p.Name}:{p.Value}")) + "}")));

    private string Iso(int month, int day) => fixture.Day(month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private (string From, string To) MonthBounds(int month) =>
        (Iso(month, 1), fixture.Month(month + 1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
