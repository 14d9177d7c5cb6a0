using System.Text.Json;

namespace ServicePublic.Web.Features.Payments.PayGate;

public sealed class PayGateOptions
{
    public const string Section = "Payments:PayGate";

    public string BaseUrl { get; set; } = "https://paygateglobal.com";

    /// <summary>The merchant's API key ("auth_token"): from configuration only, never in code.</summary>
    public string? AuthToken { get; set; }

    public int TimeoutSeconds { get; set; } = 20;
}

/// <summary>
/// PayGate Global, Togo's aggregator for Flooz (Moov Africa) and T-Money (Togocel). There is no
/// checkout page: PayGate asks the payer to confirm on the phone. Its callbacks are not signed,
/// so a callback only says which payment to ask about; the answer always comes from PayGate's
/// status API, never from the callback's body.
/// </summary>
public sealed class PayGateGateway(HttpClient http, IOptions<PayGateOptions> options, ILogger<PayGateGateway> logger) : IPaymentGateway
{
    public const string ProviderName = "paygate";

    public string Name => ProviderName;

    private PayGateOptions Settings => options.Value;

    public async Task<GatewayStart> StartAsync(GatewayStartRequest request, CancellationToken ct)
    {
        var payment = request.Payment;
        var network = payment.Method switch
        {
            PaymentMethod.TMoney => "TMONEY",
            PaymentMethod.Flooz => "FLOOZ",
            _ => null,
        };
        if (network is null)
        {
            return GatewayStart.Refuse("PayGate ne prend que T-Money et Flooz : choisissez l'un de ces moyens.");
        }
        if (payment.PhoneNumber is not { Length: 12 } phone || !phone.StartsWith("+228", StringComparison.Ordinal))
        {
            return GatewayStart.Refuse("PayGate ne prend que les numéros togolais : saisissez 8 chiffres, par exemple 90 12 34 56.");
        }
        var answer = await http.PostJsonAsync<PayAnswer>(ProviderName, ProviderHttp.Endpoint(Settings.BaseUrl, "api/v1/pay"),
            new PayOrder(Settings.AuthToken ?? "", phone[4..], payment.Amount, request.Description, payment.Id.ToString(), network), ct);
        switch (answer.Body.Status)
        {
            case 0 when !string.IsNullOrEmpty(answer.Body.TxReference):
                return GatewayStart.Accept(answer.Body.TxReference);
            case 2:
                // Our configuration is wrong, not the payer's doing.
                logger.LogError("PayGate refused payment {PaymentId}: invalid auth token (check Payments:PayGate:AuthToken)", payment.Id);
                throw new GatewayException("PayGate: invalid auth token");
            case 4:
                logger.LogWarning("PayGate refused payment {PaymentId}: invalid parameters", payment.Id);
                return GatewayStart.Refuse("PayGate n'a pas accepté ce paiement : vérifiez que le numéro correspond bien à un compte " +
                    (network == "FLOOZ" ? "Flooz" : "T-Money") + ", puis réessayez.");
            case 6:
                logger.LogWarning("PayGate refused payment {PaymentId}: duplicate identifier", payment.Id);
                return GatewayStart.Refuse("PayGate a déjà reçu ce paiement : vérifiez votre téléphone, ou réessayez dans quelques minutes.");
            default:
                throw new GatewayException($"PayGate: unexpected answer to pay (status {answer.Body.Status?.ToString() ?? "absent"}, HTTP {(int)answer.Status})");
        }
    }

    public Guid? NamedPayment(IncomingCallback callback) => Guid.TryParse(Identifier(callback), out var id) ? id : null;

    public async Task<CallbackReading> ReadCallbackAsync(IncomingCallback callback, CancellationToken ct) =>
        await ProviderAdapters.AskAboutAsync(Identifier(callback), StatusAsync, ct);

    /// <summary>Only the identifier is read: anyone can post this body, so nothing else in it is believed.</summary>
    private static string? Identifier(IncomingCallback callback)
    {
        try
        {
            return JsonSerializer.Deserialize<CallbackBody>(callback.Body, ProviderHttp.Json)?.Identifier;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task<ProviderReport> CheckAsync(Payment payment, CancellationToken ct) => StatusAsync(payment.Id, ct);

    public Task<GatewayRefund> RefundAsync(Payment payment, CancellationToken ct) => ProviderAdapters.ManualRefund("PayGate",
        $"Renvoyer {payment.Amount} FCFA au {payment.PhoneNumber} (transaction PayGate {payment.ProviderReference}) depuis l'espace marchand.");

    /// <summary>Where PayGate says the payment stands (status API v2, by our identifier).</summary>
    private async Task<ProviderReport> StatusAsync(Guid paymentId, CancellationToken ct)
    {
        var answer = await http.PostJsonAsync<StatusAnswer>(ProviderName, ProviderHttp.Endpoint(Settings.BaseUrl, "api/v2/status"),
            new StatusQuery(Settings.AuthToken ?? "", paymentId.ToString()), ct);
        // Here the status codes are payment states: an error answer must never be read as one.
        if (!answer.IsSuccess)
        {
            throw new GatewayException($"PayGate: status of {paymentId} refused, HTTP {(int)answer.Status}");
        }
        var body = answer.Body;
        var outcome = body.Status switch
        {
            0 => ProviderOutcome.Paid,
            2 => ProviderOutcome.Pending,
            4 => ProviderOutcome.Expired,
            6 => ProviderOutcome.Cancelled,
            _ => (ProviderOutcome?)null,
        };
        if (outcome is null || (body.Identifier is not null && !(Guid.TryParse(body.Identifier, out var echoed) && echoed == paymentId)))
        {
            throw new GatewayException($"PayGate: unexpected status answer for {paymentId} (status {body.Status?.ToString() ?? "absent"})");
        }
        var detail = outcome switch
        {
            ProviderOutcome.Expired => "Paiement non confirmé sur le téléphone dans les délais (PayGate)",
            ProviderOutcome.Cancelled => "Paiement annulé (PayGate)",
            _ => null,
        };
        // PayGate's status API gives no amount: the amount is the one we asked for at start.
        return new ProviderReport(outcome.Value, null, body.TxReference, body.PaymentReference, detail);
    }

    private sealed record PayOrder(string AuthToken, string PhoneNumber, long Amount, string Description, string Identifier, string Network);

    private sealed record PayAnswer(string? TxReference, int? Status);

    private sealed record StatusQuery(string AuthToken, string Identifier);

    private sealed record StatusAnswer(string? TxReference, string? Identifier, string? PaymentReference, int? Status);

    private sealed record CallbackBody(string? Identifier);
}
