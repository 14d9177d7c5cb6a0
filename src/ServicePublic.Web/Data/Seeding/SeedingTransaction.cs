namespace ServicePublic.Web.Data.Seeding;

internal static class SeedingTransaction
{
    /// <summary>
    /// Runs <paramref name="seed"/> in one transaction that first takes the advisory lock
    /// <paramref name="lockKey"/>: several app instances may start at once, one seeds, the others
    /// wait and find nothing to do. A transient failure replays the whole of it from a clean context.
    /// </summary>
    public static Task SeedLockedAsync(this AppDbContext db, long lockKey, Func<CancellationToken, Task> seed, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", ct);
            await seed(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
}
