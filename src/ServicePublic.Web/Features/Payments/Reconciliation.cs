using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// Asks providers about payments still pending after a few minutes (their callback may be lost)
/// and expires those pending for a day, so the applicant can pay again. Each run leases a batch
/// of due payments (UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)), so any number of
/// app instances share the work without checking a payment twice at once.
/// </summary>
public sealed class Reconciliation(AppDbContext db, PaymentGateways gateways, PaymentProcessor processor, AuditLog audit, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<Reconciliation> logger)
{
    /// <summary>Handles one batch; returns how many payments it looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var createdBefore = now.AddMinutes(-settings.CheckAfterMinutes);
        var leaseUntil = now.AddMinutes(Math.Max(1, settings.CheckAfterMinutes));
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE payments SET next_check_at = {leaseUntil}, checks = checks + 1
            WHERE id IN (
                SELECT id FROM payments
                WHERE status = 'Pending' AND created_at <= {createdBefore} AND (next_check_at IS NULL OR next_check_at <= {now})
                ORDER BY next_check_at NULLS FIRST
                LIMIT {settings.ReconciliationBatchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        foreach (var id in ids)
        {
            await ReconcileAsync(id, now, ct);
        }
        return ids.Count;
    }

    private async Task ReconcileAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        var gateway = gateways.ByName(payment.Provider);
        try
        {
            if (gateway is not null)
            {
                var report = await gateway.CheckAsync(payment, ct);
                await processor.ApplyAsync(id, payment.Provider, report, "rapprochement", ct);
            }
        }
        catch (GatewayException ex)
        {
            logger.LogWarning(ex, "Reconciliation: {Provider} did not answer about payment {PaymentId}", payment.Provider, id);
        }
        if (payment.CreatedAt <= now.AddHours(-options.Value.ExpireAfterHours))
        {
            db.ChangeTracker.Clear();
            var tracked = await db.Payments.SingleAsync(p => p.Id == id, ct);
            if (tracked.Status != PaymentStatus.Pending)
            {
                return;
            }
            tracked.Expire(now);
            try
            {
                // Saves the expiry with its audit entry.
                await audit.RecordAsync(AuditActions.PaymentStatusChanged, id.ToString(), "Pending → Expired (rapprochement)", ct: ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A callback settled it meanwhile: its word wins.
            }
        }
    }
}

/// <summary>Runs <see cref="Reconciliation"/> in the background, every minute by default.</summary>
internal sealed class ReconciliationService(IServiceScopeFactory scopes, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<ReconciliationService> logger)
    : PollingService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.ReconciliationEnabled;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ReconciliationPollSeconds);

    protected override string JobName => "Payment reconciliation";

    protected override Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct) =>
        scope.GetRequiredService<Reconciliation>().RunOnceAsync(ct);
}
