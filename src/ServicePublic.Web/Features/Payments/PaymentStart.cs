using Npgsql;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Payments;

/// <summary>The payer's choice as typed in the form: the method's slug and, for mobile money, the paying number.</summary>
public sealed record StartPayment(string TrackingNumber, string? Method, string? Phone);

/// <summary>The form field a refusal is about; <see cref="None"/> for the payment as a whole.</summary>
public enum PaymentField
{
    None,
    Method,
    Phone,
}

public abstract record PaymentStartResult
{
    /// <summary>No such request, or not one the payer may see.</summary>
    public sealed record Missing : PaymentStartResult;

    /// <summary>Go on to <paramref name="Url"/> (the provider's checkout, or back to the payment page with a notice).</summary>
    public sealed record GoTo(string Url, string? Notice = null) : PaymentStartResult;

    /// <summary>Not started: the page again, with the message under its field.</summary>
    public sealed record Refused(PaymentField Field, string Message, PaymentPage Page) : PaymentStartResult;
}

/// <summary>
/// Starts a payment: checks the choice, records the attempt (one at a time per request, kept so
/// by a unique index), and asks the method's provider to open it.
/// </summary>
public sealed class PaymentStart(
    AppDbContext db,
    PaymentPages pages,
    PaymentGateways gateways,
    PortalLinks links,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PaymentStart> logger)
{
    public async Task<PaymentStartResult> StartAsync(StartPayment command, string userId, CancellationToken ct)
    {
        var trackingNumber = command.TrackingNumber;
        var page = await pages.PageAsync(trackingNumber, userId, ct);
        if (page is null)
        {
            return new PaymentStartResult.Missing();
        }
        page = page with { ChosenMethod = command.Method, TypedPhone = command.Phone };
        if (page.Request.Status != RequestStatus.AwaitingPayment)
        {
            return new PaymentStartResult.GoTo(PaymentPaths.Pay(trackingNumber), "Cette demande n'attend pas de paiement.");
        }
        if (page.Pending is not null)
        {
            return new PaymentStartResult.Refused(PaymentField.None, "Un paiement est déjà en cours pour cette demande : terminez-le, ou annulez-le pour en commencer un autre.", page);
        }
        var method = PaymentLabels.FromSlug(command.Method);
        if (method is null || !page.Methods.Contains(method.Value))
        {
            return new PaymentStartResult.Refused(PaymentField.Method, "Choisissez un moyen de paiement.", page);
        }
        var phone = method == PaymentMethod.Card ? null : PhoneNumbers.Normalize(command.Phone);
        if (method != PaymentMethod.Card && PhoneProblem(method.Value, command.Phone, phone) is { } problem)
        {
            return new PaymentStartResult.Refused(PaymentField.Phone, problem, page);
        }

        var gateway = gateways.For(method.Value)!;
        var lines = page.Quote.ChargedNow.Select(l => new PaymentLine(l.Label, l.Quantity, l.Unit, l.UnitAmount ?? 0, l.Amount ?? 0, l.Refundable)).ToList();
        var payment = Payment.Start(page.Request.Id, userId, method.Value, gateway.Name, phone, lines, clock.GetUtcNow());
        db.Payments.Add(payment);
        try
        {
            // Saves the payment with its audit entry: no payment without its entry, nor the reverse.
            await audit.RecordAsync(AuditActions.PaymentStarted, payment.Id.ToString(), $"{trackingNumber} {payment.Amount} XOF {gateway.Name} {method}", ct: ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two tabs, or a double click: the other attempt is the one in progress.
            return new PaymentStartResult.GoTo(PaymentPaths.Pay(trackingNumber), "Un paiement est déjà en cours pour cette demande.");
        }

        var start = await OpenAsync(gateway, payment, page.Title, trackingNumber, userId, ct);
        var now = clock.GetUtcNow();
        if (!start.Accepted)
        {
            payment.Apply(new ProviderReport(ProviderOutcome.Failed, Detail: start.Refusal), now);
            await db.SaveChangesAsync(ct);
            var again = (await pages.PageAsync(trackingNumber, userId, ct))! with { ChosenMethod = command.Method, TypedPhone = command.Phone };
            return new PaymentStartResult.Refused(PaymentField.Method, start.Refusal ?? "Le paiement a été refusé.", again);
        }
        payment.Registered(start.ProviderReference, start.CheckoutUrl, now);
        await db.SaveChangesAsync(ct);
        return new PaymentStartResult.GoTo(start.CheckoutUrl ?? PaymentPaths.Pay(trackingNumber));
    }

    /// <summary>Why the typed number cannot pay with a mobile money method, or null.</summary>
    private static string? PhoneProblem(PaymentMethod method, string? typed, string? phone) => phone switch
    {
        null when string.IsNullOrWhiteSpace(typed) => "Saisissez le numéro du compte qui paie, par exemple 90 12 34 56.",
        null => "Ce numéro n'est pas valide : saisissez 8 chiffres, par exemple 90 12 34 56.",
        _ => PhoneNumbers.OperatorProblem(method, phone),
    };

    /// <summary>Asks the provider to open the payment; an unreachable provider is a refusal, nothing debited.</summary>
    private async Task<GatewayStart> OpenAsync(IPaymentGateway gateway, Payment payment, string title, string trackingNumber, string userId, CancellationToken ct)
    {
        try
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.FullName, u.Email }).SingleAsync(ct);
            return await gateway.StartAsync(new GatewayStartRequest(payment, $"{title} – {trackingNumber}",
                links.Absolute(PaymentPaths.Notification(gateway.Name)),
                links.Absolute(PaymentPaths.Returned(trackingNumber)), user.FullName, user.Email), ct);
        }
        catch (GatewayException ex)
        {
            logger.LogWarning(ex, "Payment {PaymentId}: {Provider} could not start it", payment.Id, gateway.Name);
            return GatewayStart.Refuse("Le service de paiement ne répond pas pour le moment. Réessayez dans quelques minutes ; rien n'a été débité.");
        }
    }
}
