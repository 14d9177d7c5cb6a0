using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Infrastructure.Messaging;

/// <summary>
/// Deletes sent and abandoned outbox messages once older than Outbox:RetentionDays, a small batch
/// at a time; rows another node is deleting are skipped (FOR UPDATE SKIP LOCKED), so every node
/// may run it. Pending messages are never touched.
/// </summary>
internal sealed class OutboxRetention(
    IServiceScopeFactory scopes,
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
        var cutoff = Clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var deleted = await scope.GetRequiredService<AppDbContext>().Database.ExecuteSqlAsync($"""
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
        return deleted;
    }
}
