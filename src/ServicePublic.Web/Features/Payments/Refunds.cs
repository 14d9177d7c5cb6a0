using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// When a paid request is rejected, gives back the fees its procedure marks as refundable:
/// executed through the provider when it can (the sandbox can), otherwise recorded and flagged
/// for the finance office to do by hand. Called by the decision that rejects the request.
/// </summary>
public sealed class Refunds(AppDbContext db, PaymentGateways gateways, AuditLog audit, TimeProvider clock, ILogger<Refunds> logger)
{
    public async Task RefundRejectedAsync(Request request, CancellationToken ct)
    {
        if (request.Status != RequestStatus.Rejected)
        {
            return;
        }
        var payments = await db.Payments.Where(p => p.RequestId == request.Id && p.Status == PaymentStatus.Succeeded).ToListAsync(ct);
        foreach (var payment in payments.Where(p => p.RefundableAmount > 0))
        {
            var gateway = gateways.ByName(payment.Provider);
            GatewayRefund result;
            try
            {
                result = gateway is null
                    ? new GatewayRefund(false, null, "Prestataire non configuré : remboursement à faire à la main.")
                    : await gateway.RefundAsync(payment, ct);
            }
            catch (GatewayException ex)
            {
                logger.LogWarning(ex, "Refund of payment {PaymentId} through {Provider} failed", payment.Id, payment.Provider);
                result = new GatewayRefund(false, null, "Le prestataire n'a pas répondu : remboursement à faire à la main.");
            }
            var now = clock.GetUtcNow();
            if (result.Executed)
            {
                payment.Refund(payment.RefundableAmount, result.Reference, result.Note, now);
            }
            else
            {
                payment.Flag($"Remboursement de {payment.RefundableAmount} FCFA dû (demande rejetée) : {result.Note}", now);
            }
            // Saves the refund (or the flag) with its audit entry.
            await audit.RecordAsync(AuditActions.PaymentRefunded, payment.Id.ToString(),
                $"{request.TrackingNumber} {payment.RefundableAmount} XOF {(result.Executed ? "remboursé " + result.Reference : "à rembourser à la main")}", ct: ct);
        }
    }
}
