using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace ServicePublic.Load;

/// <summary>
/// State changes committed straight into the database, one per transaction, as a clerk taking a
/// request would make them: the assigned clerk of an open request in review changes (the trigger
/// records a "taken" activity and sends its NOTIFY at commit). For each change: its activity
/// number (the stream's event id) and the moment just before COMMIT was sent.
/// </summary>
public sealed class Changes
{
    private readonly NpgsqlDataSource _db;
    private readonly (Guid Id, string Clerk)[] _requests;
    private readonly string[] _clerks;
    private int _next;

    /// <summary>Activity number → Stopwatch timestamp taken just before its COMMIT.</summary>
    public ConcurrentDictionary<long, long> CommittedAt { get; } = new();

    private Changes(NpgsqlDataSource db, (Guid, string)[] requests, string[] clerks)
    {
        _db = db;
        _requests = requests;
        _clerks = clerks;
    }

    /// <summary>Open requests in review of the ministry, and that ministry's clerks.</summary>
    public static async Task<Changes> PrepareAsync(NpgsqlDataSource db, string ministryCode, CancellationToken ct)
    {
        var requests = new List<(Guid, string)>();
        await using (var command = db.CreateCommand("""
            SELECT r.id, coalesce(r.assigned_clerk_id, '') FROM requests r
            JOIN procedure_versions v ON v.id = r.procedure_version_id JOIN procedures p ON p.id = v.procedure_id
            JOIN ministries m ON m.id = p.ministry_id
            WHERE r.status = 'InReview' AND m.code = @ministry
            LIMIT 5000
            """))
        {
            command.Parameters.AddWithValue("ministry", ministryCode);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                requests.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }
        var clerks = new List<string>();
        await using (var command = db.CreateCommand("""
            SELECT u.id FROM "AspNetUsers" u JOIN "AspNetUserRoles" ur ON ur.user_id = u.id JOIN "AspNetRoles" ro ON ro.id = ur.role_id
            JOIN ministries m ON m.id = u.ministry_id
            WHERE ro.normalized_name = 'AGENT' AND m.code = @ministry
            ORDER BY u.id LIMIT 100
            """))
        {
            command.Parameters.AddWithValue("ministry", ministryCode);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                clerks.Add(reader.GetString(0));
            }
        }
        if (requests.Count == 0 || clerks.Count < 2)
        {
            throw new InvalidOperationException($"No request in review or fewer than two clerks in {ministryCode}: is the database generated (bench/run.sh generate)?");
        }
        return new Changes(db, [.. requests], [.. clerks]);
    }

    /// <summary>Commits one change; returns its activity number.</summary>
    public async Task<long> CommitOneAsync(CancellationToken ct)
    {
        var i = Interlocked.Increment(ref _next);
        var (id, current) = _requests[i % _requests.Length];
        // Another clerk of the same ministry each time: the row's clerk really changes.
        var clerk = _clerks[i % _clerks.Length];
        if (clerk == current)
        {
            clerk = _clerks[(i + 1) % _clerks.Length];
        }
        _requests[i % _requests.Length] = (id, clerk);
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE requests SET assigned_clerk_id = @clerk, updated_at = now() WHERE id = @id;
            SELECT currval(pg_get_serial_sequence('supervision_activity', 'id'));
            """, connection, transaction);
        command.Parameters.AddWithValue("clerk", clerk);
        command.Parameters.AddWithValue("id", id);
        var seq = (long)(await command.ExecuteScalarAsync(ct))!;
        var before = Stopwatch.GetTimestamp();
        await transaction.CommitAsync(ct);
        CommittedAt[seq] = before;
        return seq;
    }

    /// <summary>Commits <paramref name="perSecond"/> changes a second until cancelled (or <paramref name="count"/> of them).</summary>
    public async Task RunAsync(double perSecond, int count, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / perSecond));
        try
        {
            for (var done = 0; done < count && await timer.WaitForNextTickAsync(ct); done++)
            {
                await CommitOneAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The phase is over.
        }
    }
}
