using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// Adds the day's pending counts (one row per filing, payment or decision, written by the
/// triggers) into <c>supervision_daily</c>, a batch at a time, every node taking the rows no other
/// is folding (Data/Migrations/SupervisionPendingSql.cs). Readers sum both through
/// <c>supervision_daily_now</c>, so this only keeps the pending table short.
/// </summary>
public sealed class SupervisionFolding(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SupervisionFolding> logger)
    : PollingService(scopes, clock, logger)
{
    private const int BatchSize = 5000;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override string JobName => "Supervision counts folding";

    protected override async Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct) =>
        await scope.GetRequiredService<AppDbContext>().Database
            .SqlQuery<int>($"SELECT supervision_fold({BatchSize}) AS \"Value\"")
            .SingleAsync(ct);
}
