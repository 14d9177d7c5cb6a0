using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Features.Payments.PayGate;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>The PayGate Global adapter against a fake PayGate speaking its protocol on a loopback port.</summary>
public sealed class PayGateTests : IAsyncLifetime
{
    private const string Json = "application/json";

    private FakePayGate _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeProvider.StartAsync<FakePayGate>();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Theory]
    [InlineData(PaymentMethod.TMoney, "+22890123456", "TMONEY")]
    [InlineData(PaymentMethod.Flooz, "+22896123456", "FLOOZ")]
    public async Task Start_RegistersPaymentWithTxReference_WhenTokenIsRight(PaymentMethod method, string phone, string network)
    {
        var payment = NewPayment(method, phone);

        var start = await Gateway().StartAsync(StartRequest(payment), default);

        Assert.True(start.Accepted, start.Refusal);
        Assert.Equal(_fake[payment.Id].TxReference, start.ProviderReference);
        Assert.Null(start.CheckoutUrl);
        var sent = Assert.Single(_fake.Server.To(FakePayGate.PayPath));
        Assert.Equal(FakePayGate.AuthToken, sent.Field("auth_token"));
        Assert.Equal(phone[4..], sent.Field("phone_number"));
        Assert.Equal("25000", sent.Field("amount"));
        Assert.Equal(payment.Id.ToString(), sent.Field("identifier"));
        Assert.Equal(network, sent.Field("network"));
        Assert.Equal("Carte d'importateur – TG-2026-00000012 & frais", sent.Field("description"));
    }

    [Fact]
    public async Task Start_ThrowsGatewayException_WhenAuthTokenIsWrong()
    {
        await Assert.ThrowsAsync<GatewayException>(() => Gateway(token: "jeton-perime").StartAsync(StartRequest(NewPayment()), default));
    }

    [Fact]
    public async Task Start_RefusesInFrench_WhenPayGateFindsParametersInvalid()
    {
        // A Moov Africa number for T-Money: PayGate answers status 4.
        var start = await Gateway().StartAsync(StartRequest(NewPayment(PaymentMethod.TMoney, "+22896123456")), default);

        Assert.False(start.Accepted);
        Assert.Contains("T-Money", start.Refusal);
    }

    [Fact]
    public async Task Start_Refuses_WhenIdentifierIsDuplicate()
    {
        var payment = NewPayment();
        await Gateway().StartAsync(StartRequest(payment), default);

        var again = await Gateway().StartAsync(StartRequest(payment), default);

        Assert.False(again.Accepted);
        Assert.Contains("déjà reçu", again.Refusal);
    }

    [Fact]
    public async Task Start_Refuses_WhenMethodIsCard()
    {
        var start = await Gateway().StartAsync(StartRequest(NewPayment(PaymentMethod.Card, null)), default);

        Assert.False(start.Accepted);
        Assert.Empty(_fake.Server.Requests);
    }

    [Theory]
    [InlineData(0, ProviderOutcome.Paid)]
    [InlineData(2, ProviderOutcome.Pending)]
    [InlineData(4, ProviderOutcome.Expired)]
    [InlineData(6, ProviderOutcome.Cancelled)]
    public async Task Check_MapsPayGateStatus(int status, ProviderOutcome outcome)
    {
        var payment = await StartedAsync();
        _fake.Settle(payment.Id, status);

        var report = await Gateway().CheckAsync(payment, default);

        Assert.Equal(outcome, report.Outcome);
        Assert.Equal(_fake[payment.Id].TxReference, report.ProviderReference);
        Assert.Equal(_fake[payment.Id].PaymentReference, report.OperatorReference);
        var asked = Assert.Single(_fake.Server.To(FakePayGate.StatusPath));
        Assert.Equal(payment.Id.ToString(), asked.Field("identifier"));
        Assert.Equal(FakePayGate.AuthToken, asked.Field("auth_token"));
    }

    [Fact]
    public async Task ReadCallback_VerifiesPaid_WhenStatusApiSaysPaid()
    {
        var payment = await StartedAsync();
        _fake.Settle(payment.Id, 0);

        var reading = await Gateway().ReadCallbackAsync(Callback(FakePayGate.CallbackBody(payment.Id.ToString())), default);

        Assert.Null(reading.Refusal);
        Assert.Equal(payment.Id, reading.PaymentId);
        Assert.Equal(ProviderOutcome.Paid, reading.Report!.Outcome);
        Assert.Equal(_fake[payment.Id].PaymentReference, reading.Report.OperatorReference);
        Assert.Single(_fake.Server.To(FakePayGate.StatusPath));
    }

    [Fact]
    public async Task ReadCallback_ReportsPending_WhenBodyClaimsPaymentButStatusApiSaysPending()
    {
        var payment = await StartedAsync();

        var reading = await Gateway().ReadCallbackAsync(Callback(FakePayGate.CallbackBody(payment.Id.ToString())), default);

        Assert.Equal(payment.Id, reading.PaymentId);
        Assert.Equal(ProviderOutcome.Pending, reading.Report!.Outcome);
    }

    [Theory]
    [InlineData("{\"identifier\":\"commande-42\",\"amount\":25000}")]
    [InlineData("{\"tx_reference\":\"4000001\",\"amount\":25000}")]
    [InlineData("{\"identifier\":{\"id\":1}}")]
    [InlineData("identifier=4d2b0e1c-0000-0000-0000-000000000000")]
    [InlineData("")]
    public async Task ReadCallback_Refuses_WhenIdentifierIsUnreadable(string body)
    {
        var reading = await Gateway().ReadCallbackAsync(Callback(body), default);

        Assert.NotNull(reading.Refusal);
        Assert.Null(reading.Report);
        Assert.Empty(_fake.Server.Requests);
    }

    [Fact]
    public async Task CheckAndStart_ThrowGatewayException_WhenServerIsDown()
    {
        var payment = await StartedAsync();
        await _fake.Server.StopAsync();

        await Assert.ThrowsAsync<GatewayException>(() => Gateway().CheckAsync(payment, default));
        await Assert.ThrowsAsync<GatewayException>(() => Gateway().StartAsync(StartRequest(NewPayment()), default));
        await Assert.ThrowsAsync<GatewayException>(() => Gateway().ReadCallbackAsync(Callback(FakePayGate.CallbackBody(payment.Id.ToString())), default));
    }

    [Theory]
    [InlineData(Misbehaviour.NotJson)]
    [InlineData(Misbehaviour.ServerError)]
    [InlineData(Misbehaviour.Slow)]
    public async Task Check_ThrowsGatewayException_WhenAnswerIsUnusable(Misbehaviour misbehaviour)
    {
        var payment = await StartedAsync();
        _fake.Server.Misbehaviour = misbehaviour;

        await Assert.ThrowsAsync<GatewayException>(() => Gateway(timeout: TimeSpan.FromMilliseconds(500)).CheckAsync(payment, default));
    }

    [Fact]
    public async Task Check_ThrowsGatewayException_WhenPayGateDoesNotKnowThePayment()
    {
        await Assert.ThrowsAsync<GatewayException>(() => Gateway().CheckAsync(NewPayment(), default));
    }

    [Fact]
    public async Task Refund_IsLeftToBeDoneByHand()
    {
        var refund = await Gateway().RefundAsync(await StartedAsync(), default);

        Assert.False(refund.Executed);
        Assert.Null(refund.Reference);
        Assert.StartsWith("Remboursement à effectuer manuellement", refund.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_ThroughPortal_SucceedsPaymentOnlyWhenStatusApiSaysPaid()
    {
        await using var portal = await ProviderPortal.StartAsync("sp_paygate", new()
        {
            ["Payments:MobileMoney"] = PayGateGateway.ProviderName,
            ["Payments:PayGate:BaseUrl"] = _fake.BaseUrl,
            ["Payments:PayGate:AuthToken"] = FakePayGate.AuthToken,
        });
        var (payment, request) = await portal.AwaitingPaymentAsync(PaymentMethod.TMoney, "+22890123456");
        var client = portal.CreatePortalClient();
        var body = FakePayGate.CallbackBody(payment.Id.ToString());

        // The callback claims the payment, but PayGate's status API says it is still pending.
        var early = await client.PostAsync("/api/paiements/paygate/notification", new StringContent(body, Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(PaymentStatus.Pending, (await portal.PaymentAsync(payment.Id)).Status);

        var forged = await client.PostAsync("/api/paiements/paygate/notification", new StringContent("{\"identifier\":\"42\"}", Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // Naming no payment of PayGate's: answered without asking PayGate or storing anything.
        var invented = await client.PostAsync("/api/paiements/paygate/notification", new StringContent(FakePayGate.CallbackBody(Guid.NewGuid().ToString()), Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.NotFound, invented.StatusCode);

        _fake.Settle(payment.Id, 0);
        var confirmed = await client.PostAsync("/api/paiements/paygate/notification", new StringContent(body, Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var paid = await portal.PaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(_fake[payment.Id].TxReference, paid.ProviderReference);
        Assert.Equal(_fake[payment.Id].PaymentReference, paid.OperatorReference);
        Assert.NotNull(paid.ReceiptNumber);
        Assert.Equal(RequestStatus.Submitted, await portal.RequestStatusAsync(request.Id));
        // A repeat for the settled payment: a quick 200, neither asked about nor stored.
        var repeat = await client.PostAsync("/api/paiements/paygate/notification", new StringContent(body, Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(2, _fake.Server.To(FakePayGate.StatusPath).Count);
        Assert.Equal(2, await portal.WithDbAsync(db => db.PaymentCallbacks.CountAsync()));
    }

    private PayGateGateway Gateway(string token = FakePayGate.AuthToken, TimeSpan? timeout = null) =>
        new(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) },
            Options.Create(new PayGateOptions { BaseUrl = _fake.BaseUrl, AuthToken = token }), NullLogger<PayGateGateway>.Instance);

    private async Task<Payment> StartedAsync()
    {
        var payment = await Gateway().RegisterAsync(NewPayment());
        _fake.Server.Requests.Clear();
        return payment;
    }

    private static Payment NewPayment(PaymentMethod method = PaymentMethod.TMoney, string? phone = "+22890123456") =>
        ProviderPortal.NewPayment(method, PayGateGateway.ProviderName, phone);

    private static GatewayStartRequest StartRequest(Payment payment) => ProviderPortal.StartRequest(payment);

    private static IncomingCallback Callback(string body) => new(body, Json, new Dictionary<string, string>());
}
