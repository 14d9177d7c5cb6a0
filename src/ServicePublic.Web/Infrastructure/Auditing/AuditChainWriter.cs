using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// Links the audit entries a transaction recorded (<see cref="AuditLog.RecordAsync"/>) into the
/// chain as that transaction commits: it takes the chain lock, reads the last link, inserts the
/// entries after it and lets the commit go on. So the chain lock is always the last lock a
/// transaction takes, whatever it wrote before, and is held for a few statements and the commit.
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

    private static async Task AppendAsync(NpgsqlTransaction transaction, List<AuditEntry> entries, bool async, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        await using (var lockChain = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockChain.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AuditLog.ChainLock });
            _ = async ? await lockChain.ExecuteNonQueryAsync(ct) : lockChain.ExecuteNonQuery();
        }
        long sequence = 0;
        string? hash = null;
        await using (var last = new NpgsqlCommand("SELECT sequence, hash FROM audit_entries ORDER BY sequence DESC LIMIT 1", connection, transaction))
        await using (var reader = async ? await last.ExecuteReaderAsync(ct) : last.ExecuteReader())
        {
            if (async ? await reader.ReadAsync(ct) : reader.Read())
            {
                sequence = reader.GetInt64(0);
                hash = reader.GetString(1);
            }
        }
        foreach (var entry in entries)
        {
            entry.Chain(sequence, hash);
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO audit_entries (sequence, previous_hash, hash, occurred_at, action, actor_id, subject_id, ip_address, details)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """, connection, transaction)
            {
                Parameters =
                {
                    new NpgsqlParameter<long> { TypedValue = entry.Sequence },
                    new NpgsqlParameter<string> { TypedValue = entry.PreviousHash },
                    new NpgsqlParameter<string> { TypedValue = entry.Hash },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.OccurredAt },
                    new NpgsqlParameter<string> { TypedValue = entry.Action },
                    new NpgsqlParameter { Value = (object?)entry.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar },
                    new NpgsqlParameter { Value = (object?)entry.SubjectId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar },
                    new NpgsqlParameter { Value = (object?)entry.IpAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar },
                    new NpgsqlParameter { Value = (object?)entry.Details ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar },
                },
            };
            _ = async ? await insert.ExecuteNonQueryAsync(ct) : insert.ExecuteNonQuery();
            (sequence, hash) = (entry.Sequence, entry.Hash);
        }
    }
}
