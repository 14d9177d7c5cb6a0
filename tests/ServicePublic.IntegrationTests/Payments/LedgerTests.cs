using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Data.Configurations;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>
/// The ministry ledger, read as a supervisor reads it. Each test seeds payments in its own month
/// of 2021, a period no other test pays in, so the totals it reads are its own.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LedgerTests(PortalFixture portal)
{
    private const string GoldPanning = "carte-orpailleur";
    private const string MiningResearch = "permis-recherche-miniere";
    private const string ImporterCard = "carte-importateur";
    private const string DoublePayment = "Paiement reçu alors que la demande n'attendait plus de paiement : à rembourser.";

    private ApplicationUser? _payer;

    private PortalFactory Portal => portal.Factory;

    private static DateTimeOffset Day(int month, int day, int hour = 9, int minute = 0) => new(2021, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ledger_ShowsOnlyTheSupervisorsMinistry_EvenWhenTheAddressNamesAnother()
    {
        await PayAsync(GoldPanning, 10_000, Day(3, 2));
        await PayAsync(GoldPanning, 10_000, Day(3, 2, 15), PaymentMethod.Flooz);
        await PayAsync(MiningResearch, 25_000, Day(3, 15), PaymentMethod.Card);
        await PayAsync(GoldPanning, 5_000, Day(3, 20), then: p => p.Refund(p.Amount, "RB-0320", "Payé deux fois", Day(3, 21)));
        await PayAsync(GoldPanning, 3_000, Day(2, 28, 23, 59));
        await PayAsync(GoldPanning, 4_000, Day(4, 1, 0, 0));
        var elsewhere = await PayAsync(ImporterCard, 77_000, Day(3, 10));
        var supervisor = await SignedInAsync(Roles.Supervisor, "MDERM");

        var page = await supervisor.GetPageAsync("/supervision/paiements?du=2021-03-01&au=2021-03-31");
        var askingForAnother = await supervisor.GetPageAsync("/supervision/paiements?du=2021-03-01&au=2021-03-31&ministere=MCIC");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["45 000 FCFA"], page.Texts("#collected"));
        Assert.Equal(["5 000 FCFA"], page.Texts("#refunded"));
        Assert.Equal(["4"], page.Texts("#count"));
        Assert.Equal(
            ["2 mars 2021 2 20 000 FCFA 0 FCFA", "15 mars 2021 1 25 000 FCFA 0 FCFA", "20 mars 2021 1 0 FCFA 5 000 FCFA"],
            page.Texts("#par-jour tbody tr"));
        Assert.Equal(
            ["Permis de recherche minière 1 25 000 FCFA 0 FCFA", "Carte d'orpailleur 3 20 000 FCFA 5 000 FCFA"],
            page.Texts("#par-demarche tbody tr"));
        Assert.Equal(
            ["sandbox · T-Money (Togocel) 2 10 000 FCFA 5 000 FCFA", "sandbox · Flooz (Moov Africa) 1 10 000 FCFA 0 FCFA", "sandbox · Carte bancaire 1 25 000 FCFA 0 FCFA"],
            page.Texts("#par-moyen tbody tr"));
        Assert.DoesNotContain("77 000", page.MainText);
        Assert.DoesNotContain("Carte d'importateur", page.Texts("#demarche option"));
        Assert.Empty(page.Texts("select#ministere"));
        Assert.NotNull(page.Document.QuerySelector("nav a[href='/supervision/paiements']"));

        // The address cannot switch a supervisor to another ministry.
        Assert.Equal(HttpStatusCode.OK, askingForAnother.Status);
        Assert.Equal(page.Texts("#ministry"), askingForAnother.Texts("#ministry"));
        Assert.Equal(["45 000 FCFA"], askingForAnother.Texts("#collected"));
        Assert.DoesNotContain("77 000", askingForAnother.MainText);
        var csv = await CsvLinesAsync(supervisor, "/supervision/paiements.csv?du=2021-03-01&au=2021-03-31&ministere=MCIC");
        Assert.Equal(4, csv.Count);
        Assert.DoesNotContain(csv, line => line.Contains(elsewhere.TrackingNumber!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ledger_ShowsTheMinistryAnAdministratorChooses()
    {
        await PayAsync(ImporterCard, 64_000, Day(8, 3));
        await PayAsync(GoldPanning, 8_000, Day(8, 3));
        var administrator = await SignedInAsync(Roles.Administrator);

        var commerce = await administrator.GetPageAsync("/supervision/paiements?ministere=MCIC&du=2021-08-01&au=2021-08-31");
        var unknown = await administrator.GetAsync("/supervision/paiements?ministere=NULLEPART");

        Assert.Equal(["64 000 FCFA"], commerce.Texts("#collected"));
        Assert.Equal(["Carte d'importateur 1 64 000 FCFA 0 FCFA"], commerce.Texts("#par-demarche tbody tr"));
        Assert.Equal("MCIC", commerce.Document.QuerySelector("select#ministere option[selected]")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task LedgerCsv_HasOneLinePerPaymentReceived_WithItsAmount_AndFormulasNeutralised()
    {
        var card = await PayAsync(GoldPanning, 12_500, Day(5, 3, 10, 30), PaymentMethod.Card, "=2+3", "@SUM(A1)");
        var refunded = await PayAsync(MiningResearch, 7_000, Day(5, 6), then: p => p.Refund(p.Amount, "RB-0507", "Payé deux fois", Day(5, 7, 8)));
        var elsewhere = await PayAsync(ImporterCard, 99_000, Day(5, 4));
        var wrongAmount = await PayAsync(GoldPanning, 1_000, Day(5, 5), reportedAmount: 900);
        var supervisor = await SignedInAsync(Roles.Supervisor, "MDERM");

        var response = await supervisor.GetAsync("/supervision/paiements.csv?du=2021-05-01&au=2021-05-31");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("paiements-MDERM-2021-05-01-2021-05-31.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(
            "Date (UTC);Reçu;Dossier;Démarche;Prestataire;Moyen;Référence prestataire;Référence opérateur;Montant (FCFA);Statut;Remboursé le (UTC);Référence du remboursement",
            lines[0]);
        Assert.Equal(
            [
                ["2021-05-03T10:30:00Z", card.ReceiptNumber!, card.TrackingNumber!, "Carte d'orpailleur", "sandbox", "Carte bancaire", "'=2+3", "'@SUM(A1)", "12500", "Encaissé", "", ""],
                ["2021-05-06T09:00:00Z", refunded.ReceiptNumber!, refunded.TrackingNumber!, "Permis de recherche minière", "sandbox", "T-Money (Togocel)", refunded.ProviderReference!, "OP-1", "7000", "Remboursé", "2021-05-07T08:00:00Z", "RB-0507"],
            ],
            lines[1..].Select(line => line.Split(';').Select(field => field.Trim('"')).ToArray()));
        Assert.DoesNotContain(elsewhere.TrackingNumber!, string.Join("\n", lines));
        Assert.DoesNotContain(wrongAmount.TrackingNumber!, string.Join("\n", lines));
    }

    [Fact]
    public async Task Ledger_FiltersByProcedureAndMethod_AndItsCsvLinkKeepsTheFilters()
    {
        await PayAsync(GoldPanning, 11_000, Day(7, 1));
        await PayAsync(GoldPanning, 22_000, Day(7, 2), PaymentMethod.Card);
        await PayAsync(MiningResearch, 33_000, Day(7, 3), PaymentMethod.Card);
        var supervisor = await SignedInAsync(Roles.Supervisor, "MDERM");

        var byCard = await supervisor.GetPageAsync("/supervision/paiements?du=2021-07-01&au=2021-07-31&moyen=carte");
        var narrowed = await supervisor.GetPageAsync($"/supervision/paiements?du=2021-07-01&au=2021-07-31&moyen=carte&demarche={GoldPanning}");
        var csv = await CsvLinesAsync(supervisor, narrowed.Document.QuerySelector("a#csv")!.GetAttribute("href")!);

        Assert.Equal(["55 000 FCFA"], byCard.Texts("#collected"));
        Assert.Equal(["22 000 FCFA"], narrowed.Texts("#collected"));
        Assert.Equal(GoldPanning, narrowed.Document.QuerySelector("#demarche option[selected]")?.GetAttribute("value"));
        Assert.Equal("22000", Assert.Single(csv).Split(';')[8]);
    }

    [Fact]
    public async Task Ledger_ListsFlaggedPayments_OfItsMinistryOnly()
    {
        var wrongAmount = await PayAsync(GoldPanning, 10_000, Day(6, 3), reportedAmount: 9_000);
        var paidTwice = await PayAsync(MiningResearch, 15_000, Day(6, 4), then: p => p.Flag(DoublePayment, Day(6, 4)));
        var elsewhere = await PayAsync(ImporterCard, 20_000, Day(6, 5), reportedAmount: 1);
        var supervisor = await SignedInAsync(Roles.Supervisor, "MDERM");

        var page = await supervisor.GetPageAsync("/supervision/paiements?du=2021-06-01&au=2021-06-30");
        var rows = page.Texts("#anomalies tbody tr");

        Assert.Equal(["15 000 FCFA"], page.Texts("#collected"));
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains(paidTwice.TrackingNumber!, StringComparison.Ordinal)
            && r.Contains("15 000 FCFA", StringComparison.Ordinal) && r.Contains("Encaissé", StringComparison.Ordinal) && r.Contains(DoublePayment, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(wrongAmount.TrackingNumber!, StringComparison.Ordinal)
            && r.Contains("Non confirmé", StringComparison.Ordinal) && r.Contains("Montant reçu du prestataire : 9000 FCFA, attendu : 10000 FCFA.", StringComparison.Ordinal));
        Assert.DoesNotContain(elsewhere.TrackingNumber!, page.MainText);
    }

    [Fact]
    public async Task Ledger_ShowsTheCurrentMonth_WhenNoDatesAreGiven()
    {
        var supervisor = await SignedInAsync(Roles.Supervisor, "MDERM");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = new DateOnly(today.Year, today.Month, 1);

        var page = await supervisor.GetPageAsync("/supervision/paiements");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(first.ToString("yyyy-MM-dd"), page.Document.QuerySelector("input#du")?.GetAttribute("value"));
        Assert.Equal(first.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd"), page.Document.QuerySelector("input#au")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Ledger_SaysWhatIsWrong_WhenTheEndComesBeforeTheStart()
    {
        var supervisor = await SignedInAsync(Roles.Supervisor, "MDERM");

        var page = await supervisor.GetPageAsync("/supervision/paiements?du=2021-03-31&au=2021-03-01");
        var csv = await supervisor.GetAsync("/supervision/paiements.csv?du=2021-03-31&au=2021-03-01");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["La date de fin doit suivre la date de début."], page.Texts("#au ~ .field-error"));
        Assert.Equal("2021-03-01", page.Document.QuerySelector("input#au")?.GetAttribute("value"));
        Assert.Null(page.Document.QuerySelector("#totals"));
        Assert.Equal(HttpStatusCode.Redirect, csv.StatusCode);
        Assert.Equal("/supervision/paiements?du=2021-03-31&au=2021-03-01", csv.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Ledger_IsRefused_ToVisitorsCitizensClerks_AndSupervisorsWithoutTheirSecondFactor()
    {
        var anonymous = Portal.NewVisitor();
        var citizen = Portal.NewVisitor();
        await citizen.SignInAsync((await Portal.CreateAsync()).Email!);
        var clerk = await SignedInAsync(Roles.Agent, "MDERM");
        var withoutSecondFactor = Portal.NewVisitor();
        await withoutSecondFactor.SignInAsync((await Portal.CreateAsync(roles: [Roles.Supervisor], ministryCode: "MDERM")).Email!);

        foreach (var url in new[] { "/supervision/paiements", "/supervision/paiements.csv" })
        {
            var fromAnonymous = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, fromAnonymous.StatusCode);
            Assert.StartsWith("/compte/connexion", Where(fromAnonymous));
            foreach (var client in new[] { citizen, clerk, withoutSecondFactor })
            {
                var response = await client.GetAsync(url);
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
                Assert.StartsWith("/compte/acces-refuse", Where(response));
            }
        }
        var agentHome = await clerk.GetPageAsync("/agent");
        Assert.Null(agentHome.Document.QuerySelector("nav a[href='/supervision/paiements']"));
    }

    /// <summary>A staff member of <paramref name="ministryCode"/>, signed in with their authenticator.</summary>
    private async Task<HttpClient> SignedInAsync(string role, string? ministryCode = null)
    {
        var user = await Portal.CreateAsync(roles: [role], twoFactor: true, ministryCode: ministryCode);
        var client = Portal.NewVisitor();
        await client.SignInWithTotpAsync(Portal, user);
        return client;
    }

    /// <summary>
    /// A request for <paramref name="slug"/> paid at <paramref name="at"/>, as the processor would
    /// record it (with a receipt once paid); <paramref name="reportedAmount"/> other than the amount
    /// leaves it flagged and unpaid.
    /// </summary>
    private async Task<Paid> PayAsync(
        string slug, long amount, DateTimeOffset at, PaymentMethod method = PaymentMethod.TMoney,
        string? providerReference = null, string operatorReference = "OP-1", long? reportedAmount = null, Action<Payment>? then = null)
    {
        _payer ??= await Portal.CreateAsync();
        var request = await Portal.FileAsync(_payer, slug);
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var payment = Payment.Start(request.Id, _payer.Id, method, "sandbox", null, [new PaymentLine("Frais", 1, null, amount, amount)], at);
        payment.Registered(providerReference ?? $"SB-{Guid.NewGuid():N}", null, at);
        payment.Apply(new ProviderReport(ProviderOutcome.Paid, reportedAmount ?? amount, OperatorReference: operatorReference), at);
        if (payment.Status == PaymentStatus.Succeeded)
        {
            var sequence = await db.Database
                .SqlQueryRaw<long>($"SELECT nextval('{PaymentConfiguration.ReceiptSequence}') AS \"Value\"")
                .SingleAsync();
            payment.IssueReceipt(Payment.FormatReceiptNumber(at.Year, sequence));
        }
        then?.Invoke(payment);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        return new Paid(request.TrackingNumber, payment.ReceiptNumber, payment.ProviderReference);
    }

    private sealed record Paid(string? TrackingNumber, string? ReceiptNumber, string? ProviderReference);

    /// <summary>The CSV's lines after its header.</summary>
    private static async Task<List<string>> CsvLinesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)];
    }

    /// <summary>Where a redirect leads, as a path and query (the authentication handlers write absolute addresses).</summary>
    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : "";
}
