using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Features.Payments.CinetPay;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>The CinetPay adapter against a fake CinetPay speaking its v2 API on a loopback port.</summary>
public sealed class CinetPayTests : IAsyncLifetime
{
    private const string Form = "application/x-www-form-urlencoded";

    private FakeCinetPay _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeProvider.StartAsync<FakeCinetPay>();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Start_ReturnsCheckoutPage_WhenCredentialsAreRight()
    {
        var payment = NewPayment();

        var start = await Gateway().StartAsync(StartRequest(payment), default);

        Assert.True(start.Accepted, start.Refusal);
        Assert.Equal(_fake[payment.Id].Token, start.ProviderReference);
        Assert.Equal($"{_fake.BaseUrl}/payment/{_fake[payment.Id].Token}", start.CheckoutUrl);
        var sent = Assert.Single(_fake.Server.To(FakeCinetPay.PaymentPath));
        Assert.Equal(FakeCinetPay.ApiKey, sent.Field("apikey"));
        Assert.Equal(FakeCinetPay.SiteId, sent.Field("site_id"));
        Assert.Equal(payment.Id.ToString(), sent.Field("transaction_id"));
        Assert.Equal("25000", sent.Field("amount"));
        Assert.Equal("XOF", sent.Field("currency"));
        Assert.Equal("CREDIT_CARD", sent.Field("channels"));
        Assert.Equal("http://portail.test/api/paiements/cinetpay/notification", sent.Field("notify_url"));
        Assert.Equal($"http://portail.test/paiements/cinetpay/retour/{payment.Id}", sent.Field("return_url"));
        Assert.Equal("Afi", sent.Field("customer_name"));
        Assert.Equal("Mensah", sent.Field("customer_surname"));
        Assert.Equal("afi@exemple.tg", sent.Field("customer_email"));
        Assert.Equal("Carte d'importateur – TG-2026-00000012   frais", sent.Field("description"));
    }

    [Theory]
    [InlineData("mauvaise-cle", FakeCinetPay.SiteId)]
    [InlineData(FakeCinetPay.ApiKey, "999")]
    public async Task Start_ThrowsGatewayException_WhenCredentialsAreWrong(string apiKey, string siteId)
    {
        await Assert.ThrowsAsync<GatewayException>(() => Gateway(apiKey, siteId).StartAsync(StartRequest(NewPayment()), default));
    }

    [Fact]
    public async Task Start_RefusesInFrench_WhenCinetPayRefusesTheOrder()
    {
        var payment = NewPayment();
        await Gateway().StartAsync(StartRequest(payment), default);

        var again = await Gateway().StartAsync(StartRequest(payment), default);

        Assert.False(again.Accepted);
        Assert.Contains("CinetPay n'a pas pu préparer le paiement", again.Refusal);
    }

    [Fact]
    public async Task Start_Refuses_WhenAmountIsNotAMultipleOfFive()
    {
        var start = await Gateway().StartAsync(StartRequest(NewPayment(amount: 25_002)), default);

        Assert.False(start.Accepted);
        Assert.Contains("multiple de 5", start.Refusal);
        Assert.Empty(_fake.Server.Requests);
    }

    [Theory]
    [InlineData(null, ProviderOutcome.Pending)]
    [InlineData(FakeCinetPay.Outcome.Accepted, ProviderOutcome.Paid)]
    [InlineData(FakeCinetPay.Outcome.Refused, ProviderOutcome.Failed)]
    [InlineData(FakeCinetPay.Outcome.CancelledByPayer, ProviderOutcome.Cancelled)]
    public async Task Check_MapsCinetPayStatus(FakeCinetPay.Outcome? outcome, ProviderOutcome expected)
    {
        var payment = await StartedAsync();
        if (outcome is { } settled)
        {
            _fake.Settle(payment.Id, settled);
        }

        var report = await Gateway().CheckAsync(payment, default);

        Assert.Equal(expected, report.Outcome);
        Assert.Equal(25_000, report.Amount);
        Assert.Equal(_fake[payment.Id].OperatorId, report.OperatorReference);
        var asked = Assert.Single(_fake.Server.To(FakeCinetPay.CheckPath));
        Assert.Equal(payment.Id.ToString(), asked.Field("transaction_id"));
    }

    [Fact]
    public async Task ReadCallback_Verifies_WhenXTokenIsRight()
    {
        var payment = await StartedAsync();
        _fake.Settle(payment.Id, FakeCinetPay.Outcome.Accepted);
        var (body, token) = FakeCinetPay.Notification(payment.Id.ToString());

        var reading = await Gateway().ReadCallbackAsync(Notification(body, token), default);

        Assert.Null(reading.Refusal);
        Assert.Equal(payment.Id, reading.PaymentId);
        Assert.Equal(ProviderOutcome.Paid, reading.Report!.Outcome);
        Assert.Equal(25_000, reading.Report.Amount);
        Assert.Single(_fake.Server.To(FakeCinetPay.CheckPath));
    }

    [Fact]
    public async Task ReadCallback_ReportsWhatCheckSays_NotWhatTheNotificationSays()
    {
        var payment = await StartedAsync();
        var (body, token) = FakeCinetPay.Notification(payment.Id.ToString());

        var reading = await Gateway().ReadCallbackAsync(Notification(body, token), default);

        Assert.Equal(ProviderOutcome.Pending, reading.Report!.Outcome);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("missing")]
    [InlineData("other-secret")]
    [InlineData("altered-body")]
    [InlineData("uppercase")]
    public async Task ReadCallback_ChecksXToken(string variant)
    {
        var payment = await StartedAsync();
        _fake.Settle(payment.Id, FakeCinetPay.Outcome.Accepted);
        var (body, token) = FakeCinetPay.Notification(payment.Id.ToString(), secretKey: variant == "other-secret" ? "autre-secret" : FakeCinetPay.SecretKey);
        var headers = new Dictionary<string, string>();
        switch (variant)
        {
            case "wrong":
                headers["x-token"] = new string('0', 64);
                break;
            case "altered-body":
                headers["x-token"] = token;
                body = body.Replace("cpm_amount=25000", "cpm_amount=100", StringComparison.Ordinal);
                break;
            case "uppercase":
                headers["X-Token"] = token.ToUpperInvariant();
                break;
            case "other-secret":
                headers["x-token"] = token;
                break;
        }

        var reading = await Gateway().ReadCallbackAsync(new IncomingCallback(body, Form, headers), default);

        if (variant == "uppercase")
        {
            // Header names are case-insensitive, and hex is hex whatever its case.
            Assert.Null(reading.Refusal);
            return;
        }
        Assert.NotNull(reading.Refusal);
        Assert.Null(reading.Report);
        Assert.Empty(_fake.Server.To(FakeCinetPay.CheckPath));
    }

    [Fact]
    public async Task ReadCallback_Refuses_WhenSignedForAnotherSite()
    {
        var (body, token) = FakeCinetPay.Notification(Guid.NewGuid().ToString(), siteId: "1234567");

        var reading = await Gateway().ReadCallbackAsync(Notification(body, token), default);

        Assert.Contains("site", reading.Refusal);
    }

    [Fact]
    public async Task ReadCallback_Refuses_WhenTransactionIdIsNotOurs()
    {
        var (body, token) = FakeCinetPay.Notification("commande-42");

        var reading = await Gateway().ReadCallbackAsync(Notification(body, token), default);

        Assert.NotNull(reading.Refusal);
        Assert.Empty(_fake.Server.Requests);
    }

    [Fact]
    public async Task Check_ThrowsGatewayException_WhenServerIsDownOrAnswersNonsense()
    {
        var payment = await StartedAsync();
        _fake.Server.Misbehaviour = Misbehaviour.NotJson;
        await Assert.ThrowsAsync<GatewayException>(() => Gateway().CheckAsync(payment, default));

        await _fake.Server.StopAsync();
        await Assert.ThrowsAsync<GatewayException>(() => Gateway().CheckAsync(payment, default));
        await Assert.ThrowsAsync<GatewayException>(() => Gateway().StartAsync(StartRequest(NewPayment()), default));
    }

    [Fact]
    public async Task Refund_IsLeftToBeDoneByHand()
    {
        var refund = await Gateway().RefundAsync(await StartedAsync(), default);

        Assert.False(refund.Executed);
        Assert.StartsWith("Remboursement à effectuer manuellement", refund.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotificationAndReturn_ThroughPortal()
    {
        await using var portal = await ProviderPortal.StartAsync("sp_cinetpay", new()
        {
            ["Payments:Card"] = CinetPayGateway.ProviderName,
            ["Payments:CinetPay:BaseUrl"] = _fake.BaseUrl,
            ["Payments:CinetPay:ApiKey"] = FakeCinetPay.ApiKey,
            ["Payments:CinetPay:SiteId"] = FakeCinetPay.SiteId,
            ["Payments:CinetPay:SecretKey"] = FakeCinetPay.SecretKey,
        });
        var (payment, request) = await portal.AwaitingPaymentAsync(PaymentMethod.Card, null);
        var client = portal.CreatePortalClient();
        var (body, token) = FakeCinetPay.Notification(payment.Id.ToString());

        // CinetPay brings the payer back with a POST, which goes on to the payment page as a GET.
        var back = await client.PostAsync($"/paiements/cinetpay/retour/{payment.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["transaction_id"] = payment.Id.ToString(), ["token"] = payment.ProviderReference! }));
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.Equal($"/demandes/{request.TrackingNumber}/paiement?retour=true", back.Headers.Location?.OriginalString);

        var unsigned = await client.PostAsync("/api/paiements/cinetpay/notification", new StringContent(body, Encoding.UTF8, Form));
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);

        _fake.Settle(payment.Id, FakeCinetPay.Outcome.Accepted);
        var signed = new StringContent(body, Encoding.UTF8, Form);
        signed.Headers.Add("x-token", token);
        var notified = await client.PostAsync("/api/paiements/cinetpay/notification", signed);
        Assert.Equal(HttpStatusCode.OK, notified.StatusCode);
        var paid = await portal.PaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(_fake[payment.Id].OperatorId, paid.OperatorReference);
        Assert.Equal(RequestStatus.Submitted, await portal.RequestStatusAsync(request.Id));
    }

    private CinetPayGateway Gateway(string apiKey = FakeCinetPay.ApiKey, string siteId = FakeCinetPay.SiteId) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
            Options.Create(new CinetPayOptions { BaseUrl = _fake.BaseUrl, ApiKey = apiKey, SiteId = siteId, SecretKey = FakeCinetPay.SecretKey }),
            NullLogger<CinetPayGateway>.Instance);

    private async Task<Payment> StartedAsync()
    {
        var payment = await Gateway().RegisterAsync(NewPayment());
        _fake.Server.Requests.Clear();
        return payment;
    }

    private static Payment NewPayment(long amount = ProviderPortal.Fee) =>
        ProviderPortal.NewPayment(PaymentMethod.Card, CinetPayGateway.ProviderName, null, amount);

    private static GatewayStartRequest StartRequest(Payment payment) => ProviderPortal.StartRequest(payment);

    private static IncomingCallback Notification(string body, string token) =>
        new(body, Form, new Dictionary<string, string> { ["x-token"] = token });
}
