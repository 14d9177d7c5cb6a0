namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// One payment provider (PayGate Global, CinetPay, the built-in sandbox) behind the same four
/// calls. Adapters translate; they never change a payment themselves: <see cref="PaymentProcessor"/>
/// applies what they report, once.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The name in configuration and in the callback address: /api/paiements/{name}/notification.</summary>
    string Name { get; }

    /// <summary>Asks the provider to collect the payment.</summary>
    Task<GatewayStart> StartAsync(GatewayStartRequest request, CancellationToken ct);

    /// <summary>
    /// The payment a callback names, read before anything is verified or stored (and believed for
    /// nothing else): a callback naming none of this provider's open payments is answered at once.
    /// </summary>
    Guid? NamedPayment(IncomingCallback callback);

    /// <summary>
    /// Verifies a callback (its signature, or by asking the provider's status API when callbacks
    /// are not signed) and says which payment it concerns and what happened to it.
    /// </summary>
    Task<CallbackReading> ReadCallbackAsync(IncomingCallback callback, CancellationToken ct);

    /// <summary>Asks the provider where a payment stands (reconciliation, return from checkout).</summary>
    Task<ProviderReport> CheckAsync(Payment payment, CancellationToken ct);

    /// <summary>Gives the money back, when the provider can; otherwise says so, to be done by hand.</summary>
    Task<GatewayRefund> RefundAsync(Payment payment, CancellationToken ct);
}

/// <param name="Payment">The attempt: its id is the identifier the provider keeps.</param>
/// <param name="Description">What is paid for, shown by the provider ("Carte d'importateur TG-2026-00000012").</param>
/// <param name="NotificationUrl">Where the provider posts its callback.</param>
/// <param name="ReturnUrl">Where the payer comes back after a checkout page.</param>
public sealed record GatewayStartRequest(Payment Payment, string Description, string NotificationUrl, string ReturnUrl, string PayerName, string? PayerEmail);

/// <summary>The provider took the payment in (with its reference and maybe a checkout page), or refused it with a reason for the payer.</summary>
public sealed record GatewayStart(bool Accepted, string? ProviderReference, string? CheckoutUrl, string? Refusal)
{
    public static GatewayStart Accept(string? providerReference, string? checkoutUrl = null) => new(true, providerReference, checkoutUrl, null);

    public static GatewayStart Refuse(string refusal) => new(false, null, null, refusal);
}

/// <summary>A callback as received: raw body, content type and headers.</summary>
public sealed record IncomingCallback(string Body, string ContentType, IReadOnlyDictionary<string, string> Headers);

/// <summary>A verified callback (which payment, what happened), or the reason it was refused.</summary>
public sealed record CallbackReading(Guid? PaymentId, ProviderReport? Report, string? Refusal)
{
    public static CallbackReading Verified(Guid paymentId, ProviderReport report) => new(paymentId, report, null);

    public static CallbackReading Refused(string reason, Guid? paymentId = null) => new(paymentId, null, reason);
}

/// <summary>A refund executed (with the provider's reference), or recorded to be done by hand.</summary>
public sealed record GatewayRefund(bool Executed, string? Reference, string Note);

/// <summary>A provider could not be reached or answered nonsense: the payment stays as it was, to be checked again.</summary>
public sealed class GatewayException(string message, Exception? inner = null) : Exception(message, inner);
