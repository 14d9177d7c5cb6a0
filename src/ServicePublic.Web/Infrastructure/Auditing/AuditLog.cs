using System.Security.Claims;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// Appends security events (who, what, from which address) to the audit chain. An entry is linked
/// into the chain as its transaction commits (<see cref="AuditChainWriter"/>), under a
/// transaction-scoped advisory lock, so any number of app instances and concurrent requests still
/// build one linear chain without gaps, and an entry commits or rolls back with the change it
/// describes.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The advisory lock key that serialises appends ("AUDITLOG" in ASCII).</summary>
    public const long ChainLock = 0x4155_4449_544C_4F47;

    /// <summary>
    /// Records an event and saves whatever else the context tracks. Inside the caller's
    /// transaction when there is one: the entry is linked when that transaction commits, and is
    /// dropped if it rolls back. Otherwise in a transaction of its own, under the execution
    /// strategy (the caller's changes are saved again on a retry). <paramref name="first"/>, when
    /// given, runs in that transaction before anything is written, on each attempt: a row lock
    /// taken there holds until the change commits.
    /// </summary>
    public async Task RecordAsync(string action, string? subjectId, string? details = null, string? actorId = null, CancellationToken ct = default,
        Func<CancellationToken, Task>? first = null)
    {
        var context = http.HttpContext;
        actorId ??= context?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var ip = context?.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow();
        AuditEntry New() => new(action, actorId, subjectId, ip, details, now);

        if (db.Database.CurrentTransaction is not null)
        {
            if (first is not null)
            {
                await first(ct);
            }
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(ct);
            }
            db.AuditEntriesToChain.Add(New());
            return;
        }
        await InTransactionAsync(async token =>
        {
            if (first is not null)
            {
                await first(token);
            }
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            }
            db.AuditEntriesToChain.Add(New());
        }, ct);
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
}
