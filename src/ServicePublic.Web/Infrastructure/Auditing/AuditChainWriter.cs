using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// Links the audit entries a transaction recorded (<see cref="AuditLog.RecordAsync"/>) into the
/// chain as that transaction commits: in one round trip it takes the chain lock and inserts the
/// entries after the last link, then lets the commit go on. So the chain lock is always the last
/// lock a transaction takes, whatever it wrote before, and is held for one round trip and the commit.
/// Taken earlier (when the entry was recorded), it queued every audited write behind rows the
/// holder was still to lock, and two transactions taking a request's rows and the chain lock in
/// the two orders deadlocked (issue 13's mixed load: 600 deadlocks, 434 answered 500).
/// </summary>
internal sealed class AuditChainWriter : DbTransactionInterceptor
{
    public static readonly AuditChainWriter Instance = new();

    private AuditChainWriter()
    {
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext { AuditEntriesToChain.Count: > 0 } db)
        {
            await AppendAsync((NpgsqlTransaction)transaction, db.AuditEntriesToChain, async: true, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is AppDbContext { AuditEntriesToChain.Count: > 0 } db)
        {
            AppendAsync((NpgsqlTransaction)transaction, db.AuditEntriesToChain, async: false, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    // A new transaction starts with nothing to link: entries of one that rolled back, failed or
    // was disposed uncommitted (an execution strategy's retry records them again) are dropped.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Forget(TransactionEventData eventData)
    {
        if (eventData.Context is AppDbContext db)
        {
            db.AuditEntriesToChain.Clear();
        }
    }

    // One round trip for the lock and every entry: on a busy machine each round trip waits for the
    // scheduler twice (PostgreSQL's backend, then the portal's continuation), and the lock is held
    // across all of them (issue 13's mixed load: 163 ms of waiting per append with four round
    // trips). The lock is its own statement, so each INSERT's snapshot, taken after it, sees the
    // previous holder's entry. The hash is computed by PostgreSQL over the same canonical form as
    // AuditHash.Canonical (each field as its UTF-8 length, ':' and the text; null as '-'), which
    // audit-verify and the journal page check in C#.
    private const string Insert = $"""
        INSERT INTO audit_entries (sequence, previous_hash, hash, occurred_at, action, actor_id, subject_id, ip_address, details)
        SELECT link.sequence, link.previous_hash,
            encode(sha256(convert_to('{AuditHash.Version}' || (
                SELECT string_agg('|' || CASE WHEN f IS NULL THEN '-' ELSE octet_length(f)::text || ':' || f END, '' ORDER BY i)
                FROM unnest(ARRAY[link.sequence::text, to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    $2, $3, $4, $5, $6, link.previous_hash]) WITH ORDINALITY AS field(f, i)), 'UTF8')), 'hex'),
            $1, $2, $3, $4, $5, $6
        FROM (
            SELECT coalesce(last.sequence, 0) + 1 AS sequence, coalesce(last.hash::text, '{AuditHash.Genesis}') AS previous_hash
            FROM (SELECT 1) one
            LEFT JOIN LATERAL (SELECT a.sequence, a.hash FROM audit_entries a ORDER BY a.sequence DESC LIMIT 1) last ON true
        ) link
        """;

    private static async Task AppendAsync(NpgsqlTransaction transaction, List<AuditEntry> entries, bool async, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter<long> { TypedValue = AuditLog.ChainLock } } } },
        };
        foreach (var entry in entries)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Insert)
            {
                Parameters =
                {
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = AuditHash.ToMicroseconds(entry.OccurredAt) },
                    Text(entry.Action),
                    Text(entry.ActorId),
                    Text(entry.SubjectId),
                    Text(entry.IpAddress),
                    Text(entry.Details),
                },
            });
        }
        _ = async ? await batch.ExecuteNonQueryAsync(ct) : batch.ExecuteNonQuery();
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
