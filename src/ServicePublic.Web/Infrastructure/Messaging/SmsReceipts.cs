using ServicePublic.Web.Domain.Messaging;

namespace ServicePublic.Web.Infrastructure.Messaging;

/// <summary>
/// The one place where an SMS provider's delivery receipt changes the outbox: the aggregator's
/// signed posts and the receipts /dev/messages simulates both come here. The row is locked
/// (SELECT … FOR UPDATE) for the change, so two copies of a receipt arriving at once, or two
/// receipts racing, apply one after the other, and <see cref="OutboxMessage.ApplyReceipt"/> makes
/// the second harmless.
/// </summary>
public sealed class SmsReceipts(AppDbContext db, ISmsSender sms, TimeProvider clock, ILogger<SmsReceipts> logger)
{
    /// <summary>A receipt's status: "delivered", "failed" or "sent", in any case; null for anything else.</summary>
    public static SmsDelivery? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "delivered" => SmsDelivery.Delivered,
        "failed" => SmsDelivery.Failed,
        "sent" => SmsDelivery.Sent,
        _ => null,
    };

    /// <summary>Applies a receipt; false when no SMS has that provider id.</summary>
    public async Task<bool> ApplyAsync(string providerMessageId, SmsDelivery reported, string? error, CancellationToken ct) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The latest row under this id, should a provider ever reuse one.
            var message = await db.OutboxMessages.FromSql($"""
                SELECT * FROM outbox_messages
                WHERE provider_message_id = {providerMessageId} AND channel = 'Sms'
                ORDER BY id DESC
                LIMIT 1
                FOR UPDATE
                """).SingleOrDefaultAsync(ct);
            if (message is null)
            {
                return false;
            }
            var changed = message.ApplyReceipt(reported, error, clock.GetUtcNow(), sms.KeepsMessagesInOutbox);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (changed)
            {
                logger.LogInformation("SMS {MessageId} reported {Delivery} by the provider; now {Status} after {Attempts} attempts",
                    message.Id, reported, message.Status, message.Attempts);
            }
            return true;
        });
}
