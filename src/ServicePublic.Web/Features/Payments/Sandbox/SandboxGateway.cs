using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServicePublic.Web.Features.Payments.Sandbox;

/// <summary>The secret the sandbox signs with: configured, or drawn once per process.</summary>
public sealed class SandboxSecret(IOptions<SandboxOptions> options, ILogger<SandboxSecret> logger)
{
    private readonly Lazy<string> _value = new(() =>
        Infrastructure.Webhooks.WebhookSignature.OrRandom(options.Value.Secret, logger, "Payments:Sandbox:Secret"));

    public string Value => _value.Value;
}

/// <summary>What the sandbox posts to the portal.</summary>
public sealed record SandboxCallback(
    [property: JsonPropertyName("event")] Guid Event,
    [property: JsonPropertyName("transaction")] string Transaction,
    [property: JsonPropertyName("reference")] Guid Reference,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency);

/// <summary>
/// A payment provider built into the portal, for development, tests and demonstrations: its own
/// checkout page (/sandbox/paiement/{id}) where a tester approves, declines or lets a payment
/// expire, and HMAC-signed callbacks sent in the background, on time, late, twice, out of order
/// or not at all. It keeps its own books (sandbox_transactions), as a real provider would.
/// </summary>
public sealed class SandboxGateway(AppDbContext db, SandboxSecret secret, IOptions<SandboxOptions> options, TimeProvider clock) : IPaymentGateway
{
    public const string ProviderName = "sandbox";

    public string Name => ProviderName;

    public async Task<GatewayStart> StartAsync(GatewayStartRequest request, CancellationToken ct)
    {
        var payment = request.Payment;
        var notificationUrl = options.Value.CallbackBaseUrl is { Length: > 0 } baseUrl
            ? baseUrl.TrimEnd('/') + PaymentPaths.Notification(ProviderName)
            : request.NotificationUrl;
        var transaction = new SandboxTransaction("SBX-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)), payment.Id, payment.Amount,
            payment.Method, payment.PhoneNumber, request.Description, notificationUrl, request.ReturnUrl, clock.GetUtcNow());
        db.SandboxTransactions.Add(transaction);
        await db.SaveChangesAsync(ct);
        return GatewayStart.Accept(transaction.Id, PaymentPaths.SandboxCheckout(transaction.Id));
    }

    public Guid? NamedPayment(IncomingCallback callback) => Parse(callback.Body)?.Reference;

    public Task<CallbackReading> ReadCallbackAsync(IncomingCallback callback, CancellationToken ct)
    {
        var problem = SandboxSignature.Check(secret.Value, callback.Body, callback.Headers.GetValueOrDefault(SandboxSignature.Header),
            clock.GetUtcNow(), TimeSpan.FromSeconds(options.Value.SignatureToleranceSeconds));
        if (problem is not null)
        {
            return Task.FromResult(CallbackReading.Refused(problem));
        }
        var body = Parse(callback.Body);
        if (body is null || Outcome(body.Status) is not { } outcome)
        {
            return Task.FromResult(CallbackReading.Refused("contenu illisible"));
        }
        return Task.FromResult(CallbackReading.Verified(body.Reference, new ProviderReport(outcome, body.Amount, body.Transaction)));
    }

    private static SandboxCallback? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<SandboxCallback>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<ProviderReport> CheckAsync(Payment payment, CancellationToken ct)
    {
        var transaction = await db.SandboxTransactions.AsNoTracking().SingleOrDefaultAsync(t => t.MerchantReference == payment.Id, ct);
        return transaction is null
            ? new ProviderReport(ProviderOutcome.Failed, Detail: "Paiement inconnu du prestataire")
            : new ProviderReport(Outcome(transaction.Status), transaction.Amount, transaction.Id);
    }

    public async Task<GatewayRefund> RefundAsync(Payment payment, CancellationToken ct)
    {
        var transaction = await db.SandboxTransactions.SingleOrDefaultAsync(t => t.MerchantReference == payment.Id, ct);
        if (transaction is not { Status: SandboxStatus.Paid })
        {
            return new GatewayRefund(false, null, "Le bac à sable ne connaît pas ce paiement comme réussi : remboursement à faire à la main.");
        }
        transaction.Refund();
        await db.SaveChangesAsync(ct);
        return new GatewayRefund(true, "SBX-RF-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)), "Remboursé par le bac à sable.");
    }

    public static string StatusWord(SandboxStatus status) => status switch
    {
        SandboxStatus.Paid => "paid",
        SandboxStatus.Declined => "declined",
        SandboxStatus.Expired => "expired",
        SandboxStatus.Refunded => "refunded",
        _ => "pending",
    };

    private static ProviderOutcome? Outcome(string status) => status switch
    {
        "pending" => ProviderOutcome.Pending,
        "paid" or "refunded" => ProviderOutcome.Paid,
        "declined" => ProviderOutcome.Failed,
        "expired" => ProviderOutcome.Expired,
        _ => null,
    };

    private static ProviderOutcome Outcome(SandboxStatus status) => Outcome(StatusWord(status))!.Value;
}
