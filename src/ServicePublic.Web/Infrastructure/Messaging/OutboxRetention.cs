using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Infrastructure.Messaging;

/// <summary>
/// Erases the bodies of SMS left without a delivery receipt for Outbox:ReceiptWaitHours, and deletes
/// sent and abandoned outbox messages once older than Outbox:RetentionDays, a small batch at a time;
/// rows another node is handling are skipped (FOR UPDATE SKIP LOCKED), so every node may run it.
/// Pending messages are never touched.
/// </summary>
internal sealed class OutboxRetention(
    IServiceScopeFactory scopes,
    ISmsSender sms,
    TimeProvider clock,
    IOptions<OutboxSenderOptions> options,
    ILogger<OutboxRetention> logger) : PollingService(scopes, clock, logger)
{
    private const int BatchSize = 500;

    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string JobName => "Outbox retention";

    protected override async Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<AppDbContext>();
        var erased = await EraseUnconfirmedBodiesAsync(db, ct);
        var cutoff = Clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var deleted = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM outbox_messages WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE status <> 'Pending' AND created_at < {cutoff}
                ORDER BY id
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED)
            """, ct);
        if (deleted > 0)
        {
            Logger.LogInformation("Deleted {Count} outbox messages older than {RetentionDays} days", deleted, options.Value.RetentionDays);
        }
        return erased + deleted;
    }

    /// <summary>
    /// An SMS whose receipt never came keeps its delivery state (sent, unconfirmed) but loses its
    /// body: a receipt coming later can no longer send it again. Where the outbox is the mailbox
    /// (development and tests), bodies are kept, as <see cref="OutboxMessage.MarkSent"/> keeps them.
    /// </summary>
    private async Task<int> EraseUnconfirmedBodiesAsync(AppDbContext db, CancellationToken ct)
    {
        if (sms.KeepsMessagesInOutbox)
        {
            return 0;
        }
        var cutoff = Clock.GetUtcNow().AddHours(-options.Value.ReceiptWaitHours);
        var erased = await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages SET body = {OutboxMessage.ErasedBody} WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE delivery = 'Sent' AND sent_at < {cutoff} AND body <> {OutboxMessage.ErasedBody}
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED)
            """, ct);
        if (erased > 0)
        {
            Logger.LogInformation("Erased the bodies of {Count} SMS without a delivery receipt after {Hours} hours", erased, options.Value.ReceiptWaitHours);
        }
        return erased;
    }
}
