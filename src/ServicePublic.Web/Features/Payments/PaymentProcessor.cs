using ServicePublic.Web.Data.Configurations;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// The one place where a provider's verified report changes a payment. The payment row is locked
/// (SELECT … FOR UPDATE) for the whole change, so five copies of a callback arriving at once, a
/// callback racing the reconciliation job, or two app instances, apply it exactly once; on success
/// the receipt is numbered, the request submitted and the applicant told, in the same transaction.
/// </summary>
public sealed class PaymentProcessor(AppDbContext db, RequestNotifier notifier, AuditLog audit, TimeProvider clock, ILogger<PaymentProcessor> logger)
{
    /// <summary>Applies a provider's report; null when that provider has no such payment.</summary>
    public async Task<ApplyResult?> ApplyAsync(Guid paymentId, string provider, ProviderReport report, string source, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                    (paymentId, provider, report, source),
                    async (_, state, token) => await ApplyOnceAsync(state.paymentId, state.provider, state.report, state.source, token),
                    null,
                    ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // The request changed meanwhile (a withdrawal, a second tab): read it again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ApplyResult?> ApplyOnceAsync(Guid paymentId, string provider, ProviderReport report, string source, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments.FromSql($"SELECT *, xmin FROM payments WHERE id = {paymentId} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (payment is null || payment.Provider != provider)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var before = payment.Status;
        var result = payment.Apply(report, now);
        switch (result)
        {
            case ApplyResult.Applied when payment.Status == PaymentStatus.Succeeded:
                await SucceededAsync(payment, now, ct);
                break;
            case ApplyResult.AmountMismatch:
                logger.LogWarning("Payment {PaymentId}: {Source} reports {Reported} XOF, {Expected} XOF expected; flagged, not applied", payment.Id, source, report.Amount, payment.Amount);
                break;
        }
        if (result != ApplyResult.Unchanged)
        {
            await audit.RecordAsync(result == ApplyResult.AmountMismatch ? AuditActions.PaymentAnomaly : AuditActions.PaymentStatusChanged,
                payment.Id.ToString(), $"{before} → {payment.Status} ({source}){(payment.Anomaly is null ? "" : " " + payment.Anomaly)}", actorId: null, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private async Task SucceededAsync(Payment payment, DateTimeOffset now, CancellationToken ct)
    {
        var sequence = await db.Database
            .SqlQueryRaw<long>($"SELECT nextval('{PaymentConfiguration.ReceiptSequence}') AS \"Value\"")
            .SingleAsync(ct);
        payment.IssueReceipt(Payment.FormatReceiptNumber(now.Year, sequence));
        var request = await db.Requests.Include(r => r.Events).SingleAsync(r => r.Id == payment.RequestId, ct);
        var version = await db.Requests.AsNoTracking().Where(r => r.Id == request.Id)
            .Select(r => new { r.ProcedureVersion.Title }).SingleAsync(ct);
        if (request.Status != RequestStatus.AwaitingPayment)
        {
            // Paid twice (two attempts both went through) or after a withdrawal: the money must go back.
            payment.Flag("Paiement reçu alors que la demande n'attendait plus de paiement : à rembourser.", now);
            logger.LogWarning("Payment {PaymentId} succeeded while request {RequestId} is {Status}; flagged for a refund", payment.Id, request.Id, request.Status);
            return;
        }
        request.ConfirmPayment(payment.ReceiptNumber!, await db.TargetDaysAsync(request.ProcedureVersionId, ct), now);
        await notifier.PaidAsync(request, payment, version.Title, ct);
    }
}
