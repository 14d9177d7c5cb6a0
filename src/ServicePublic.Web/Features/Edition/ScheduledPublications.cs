using ServicePublic.Web.Domain.Edition;
using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Features.Edition;

/// <summary>
/// Publishes the drafts whose time has come, as the publisher who scheduled them. Each node
/// looks every 30 seconds; a draft is claimed FOR UPDATE SKIP LOCKED, so one node publishes it.
/// A draft that no longer passes the checks stays, unscheduled, for its editors to see why.
/// </summary>
public sealed class ScheduledPublications(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublications> logger)
    : PollingService(scopes, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override string JobName => "Scheduled publications";

    protected override async Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var due = await db.ProcedureDrafts
                .FromSql($"SELECT * FROM procedure_drafts WHERE publish_at <= {now} ORDER BY publish_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .Select(d => new { d.ProcedureId, d.ScheduledById })
                .SingleOrDefaultAsync(ct);
            if (due is null)
            {
                return 0;
            }
            var workshop = scope.GetRequiredService<Workshop>();
            var procedure = await workshop.Procedures().SingleAsync(p => p.Id == due.ProcedureId, ct);
            var bench = await workshop.OpenAsync(procedure, ct);
            if (await scope.GetRequiredService<Publication>().PublishAsync(bench, due.ScheduledById!, ct) is { } refusal)
            {
                Logger.LogWarning("Scheduled publication of {Slug} refused: {Refusal}", procedure.Slug, refusal);
                bench.Draft!.Unschedule();
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
            return 1;
        });
    }
}
