using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// At start-up and every Audit:CheckpointMinutes, signs the chain's head (sequence, hash, time)
/// and appends it to this node's checkpoint file and to the log, so that something outside the
/// database remembers how far the chain went. A node writes only when the head moved past the
/// latest checkpoint of any node; two nodes racing write the same head twice, which is harmless.
/// </summary>
public sealed class AuditCheckpointer(
    IServiceScopeFactory scopes,
    AuditCheckpointStore store,
    AuditCheckpointSigner signer,
    TimeProvider clock,
    IOptions<AuditCheckpointOptions> options,
    ILogger<AuditCheckpointer> logger) : PollingService(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.CheckpointsEnabled;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.CheckpointMinutes);

    protected override string JobName => "Audit checkpoint";

    protected override async Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct)
    {
        var head = await scope.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(ct);
        var latest = await store.LatestAsync(ct);
        if (head is null && latest is null || head is not null && head.Sequence == latest?.Sequence && head.Hash == latest.Hash)
        {
            return 0;
        }
        if (head is null || head.Sequence <= (latest?.Sequence ?? 0))
        {
            // Never sign a head that went back or changed: the earlier checkpoint stays the reference.
            Logger.LogError("Audit chain head {Sequence} does not match the latest signed checkpoint {CheckpointSequence}: entries deleted or rewritten, run audit-verify",
                head?.Sequence ?? 0, latest!.Sequence);
            return 0;
        }
        var line = signer.Sign(new AuditCheckpoint(head.Sequence, head.Hash, Clock.GetUtcNow()));
        await store.AppendAsync(line, ct);
        // The log is the second copy, shipped wherever the logs go: a lost file can be rebuilt from it.
        Logger.LogInformation("Audit checkpoint {Checkpoint}", line);
        return 1;
    }
}
