using System.Security.Claims;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// Appends security events (who, what, from which address) to the audit chain. Appends are
/// serialised by a transaction-scoped advisory lock, so any number of app instances and
/// concurrent requests still build one linear chain without gaps.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The advisory lock key that serialises appends ("AUDITLOG" in ASCII).</summary>
    public const long ChainLock = 0x4155_4449_544C_4F47;

    /// <summary>
    /// Records an event and saves whatever else the context tracks. Inside the caller's
    /// transaction when there is one: the entry then commits or rolls back with the change it
    /// describes, and the chain stays locked until that commit.
    /// </summary>
    public async Task RecordAsync(string action, string? subjectId, string? details = null, string? actorId = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        actorId ??= context?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var ip = context?.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow();
        AuditEntry New() => new(action, actorId, subjectId, ip, details, now);

        if (db.Database.CurrentTransaction is not null)
        {
            // The caller's own changes first: they take their row locks before the chain lock,
            // so whoever holds the chain lock never waits on a row held by a transaction queued
            // behind it. The caller's execution strategy replays the whole transaction on failure.
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(ct);
            }
            var entry = New();
            try
            {
                await AppendAsync(entry, ct);
            }
            catch
            {
                // The caller's transaction rolls back: the entry must not be saved by a later SaveChanges.
                db.Entry(entry).State = EntityState.Detached;
                throw;
            }
            db.ChangeTracker.AcceptAllChanges();
            return;
        }
        AuditEntry? attempt = null;
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                if (attempt is not null)
                {
                    // A retry: the failed attempt's entry may hold a stale sequence and a generated id.
                    db.Entry(attempt).State = EntityState.Detached;
                }
                attempt = New();
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                await AppendAsync(attempt, token);
                await transaction.CommitAsync(token);
            }, ct);
        }
        catch when (attempt is not null)
        {
            // Nothing was committed: neither the entry nor the change it describes. A caller that
            // catches the failure (a unique violation it expects) must not save the entry later.
            db.Entry(attempt).State = EntityState.Detached;
            throw;
        }
        // Only now: a retried attempt must save the caller's changes again.
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// Runs <paramref name="change"/> in one transaction (under the execution strategy, which may
    /// run it again after a transient failure): for changes that save themselves, such as
    /// Identity's UserManager, with the <see cref="RecordAsync"/> calls that describe them. An entry
    /// that cannot be written undoes the change; a change that fails writes no entry. Inside the
    /// caller's own transaction, it simply runs there.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> change, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await change(ct);
        }
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await change(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public Task InTransactionAsync(Func<CancellationToken, Task> change, CancellationToken ct = default) =>
        InTransactionAsync(async token =>
        {
            await change(token);
            return true;
        }, ct);

    /// <summary>Takes the chain lock, links the entry after the last one and saves (changes stay unaccepted).</summary>
    private async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", ct);
        var last = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(ct);
        entry.Chain(last?.Sequence ?? 0, last?.Hash);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
    }
}
