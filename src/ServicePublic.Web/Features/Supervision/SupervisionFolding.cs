using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// Adds the rows the triggers write as requests change into the tables they count towards, a
/// batch at a time, every node taking the rows no other is folding (Data/Migrations/): the day's
/// counts into <c>supervision_daily</c> (SupervisionPendingSql.cs), the decisions' durations into
/// <c>supervision_durations</c> (SupervisionDurationsPendingSql.cs), the counts per status into
/// <c>request_status_counts</c> (RequestStatusCountsSql.cs). Readers read each pair through its
/// <c>_now</c> view, so this only keeps the pending tables short.
/// </summary>
public sealed class SupervisionFolding(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SupervisionFolding> logger)
    : PollingService(scopes, clock, logger)
{
    private const int BatchSize = 5000;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override string JobName => "Supervision counts folding";

    /// <summary>
    /// Folds one batch. Reports work left (so the loop goes on at once) only when the batch was
    /// full: with filings arriving all the time, a batch is rarely empty, and going on after every
    /// non-empty one kept a query running without a pause on each node. Otherwise the rest waits
    /// for the next round, 2 s later.
    /// </summary>
    protected override async Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct)
    {
        var folded = await scope.GetRequiredService<AppDbContext>().Database
            .SqlQuery<int>($"SELECT greatest(supervision_fold({BatchSize}), supervision_durations_fold({BatchSize}), request_status_fold({BatchSize})) AS \"Value\"")
            .SingleAsync(ct);
        return folded < BatchSize ? 0 : folded;
    }
}
