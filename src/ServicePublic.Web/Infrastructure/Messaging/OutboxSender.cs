using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Infrastructure.Messaging;

public sealed class OutboxSenderOptions
{
    public const string Section = "Outbox";
    public bool Enabled { get; set; } = true;
    public int PollSeconds { get; set; } = 2;
    public int BatchSize { get; set; } = 20;

    /// <summary>Sent and abandoned messages are deleted this many days after they were written.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>
    /// How long an SMS's body is kept for its delivery receipt (a failed one sends it again): past
    /// this, a code in it is too old to be worth sending again, and must not stay in the table.
    /// </summary>
    public int ReceiptWaitHours { get; set; } = 48;
}

/// <summary>
/// Sends due outbox messages. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of
/// app instances can run this without sending a message twice.
/// </summary>
internal sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IEmailTransport email,
    ISmsSender sms,
    TimeProvider clock,
    IOptions<OutboxSenderOptions> options,
    ILogger<OutboxSender> logger) : PollingService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override string JobName => "Outbox sending";

    /// <summary>
    /// Claims and sends one batch. Delivery is at least once: if the database fails after a send
    /// and before the commit, the batch is sent again.
    /// </summary>
    protected override Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct) =>
        ClaimAndHandleAsync(scope, db => db.OutboxMessages.FromSql($"""
            SELECT * FROM outbox_messages
            WHERE status = 'Pending' AND next_attempt_at <= {Clock.GetUtcNow()}
            ORDER BY next_attempt_at
            LIMIT {options.Value.BatchSize}
            FOR UPDATE SKIP LOCKED
            """), SendAsync, ct);

    private async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            if (message.Channel == MessageChannel.Email)
            {
                await email.SendAsync(message.Recipient, message.Subject ?? "", message.Body, ct);
                message.MarkSent(Clock.GetUtcNow(), keepBody: email.KeepsMessagesInOutbox);
            }
            else
            {
                var providerMessageId = await sms.SendAsync(message.Recipient, message.Body, ct);
                message.MarkSent(Clock.GetUtcNow(), providerMessageId, sms.KeepsMessagesInOutbox);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message.MarkFailed(ex.Message, Clock.GetUtcNow());
            Logger.LogWarning("Outbox message {MessageId} ({Channel}) failed, attempt {Attempt}: {Error}", message.Id, message.Channel, message.Attempts, ex.Message);
        }
    }
}
