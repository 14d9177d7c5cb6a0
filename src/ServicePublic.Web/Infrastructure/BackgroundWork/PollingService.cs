namespace ServicePublic.Web.Infrastructure.BackgroundWork;

/// <summary>
/// The loop of the background jobs that claim rows (outbox, reconciliation, sandbox callbacks):
/// handle batches while there is work, then wait the interval and look again. Each batch gets a
/// scope of its own, so a round never reuses a DbContext a failure may have left dirty; a failure
/// is logged (once per run of failures) and the loop goes on after a pause that grows while it lasts; cancellation (shutdown) ends it.
/// </summary>
public abstract class PollingService(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    /// <summary>False when configuration turns the job off: the loop does not start (tests drive it with <see cref="RunOnceAsync"/>).</summary>
    protected virtual bool Enabled => true;

    /// <summary>The wait once there is nothing left to do; read from options at each round.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job is called in the log, e.g. "Outbox sending".</summary>
    protected abstract string JobName { get; }

    /// <summary>Claims and handles one batch with the services of <paramref name="scope"/>; returns how many rows it handled.</summary>
    protected abstract Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct);

    /// <summary>
    /// The usual batch: in one transaction (retried whole by the execution strategy), claims the
    /// rows <paramref name="claim"/> selects — a query ending in FOR UPDATE SKIP LOCKED, so other
    /// nodes skip them — handles each, saves and commits; returns how many it claimed.
    /// </summary>
    protected static async Task<int> ClaimAndHandleAsync<TRow>(
        IServiceProvider scope, Func<AppDbContext, IQueryable<TRow>> claim, Func<TRow, CancellationToken, Task> handle, CancellationToken ct)
    {
        var db = scope.GetRequiredService<AppDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var batch = await claim(db).ToListAsync(ct);
            foreach (var row in batch)
            {
                await handle(row, ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return batch.Count;
        });
    }

    /// <summary>One batch, now, in a scope of its own; returns how many rows it handled (0: nothing was due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await HandleBatchAsync(scope.ServiceProvider, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        var backoff = new FailureBackoff(TimeSpan.FromSeconds(2));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0)
                {
                }
                if (backoff.Succeed())
                {
                    logger.LogInformation("{Job} works again", JobName);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (backoff.Fail())
                {
                    logger.LogWarning(ex, "{Job} failed; retrying later", JobName);
                }
                else
                {
                    logger.LogDebug("{Job} failed again: {Reason}", JobName, ex.Message);
                }
            }
            // Swallows the cancellation: stopping is the normal end of the loop, not an error.
            await Task.Delay(backoff.Pause(Interval), clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
