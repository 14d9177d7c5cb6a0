using System.Security.Cryptography;
using System.Text;

namespace ServicePublic.Web.Infrastructure.Limits;

/// <summary>
/// Counters and locks in PostgreSQL (<c>rate_counters</c>), so that a limit per account, email or
/// phone number holds whichever web node a request reaches, as Identity's lockout does. Each
/// hit is one atomic upsert: two nodes counting at once never lose a count. Identifiers are stored
/// hashed, so the table lists nobody's email or number.
/// </summary>
public sealed class RateCounters(AppDbContext db, TimeProvider clock)
{
    /// <summary>"sign-in:…": the action, then a hash of the identifier (trimmed, upper case).</summary>
    public static string Key(string action, string identifier) =>
        action + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identifier.Trim().ToUpperInvariant())));

    /// <summary>Counts one event in a fixed window of <paramref name="window"/> opened by the first; returns the count including this one.</summary>
    public async Task<int> HitAsync(string key, TimeSpan window, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var ends = now + window;
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO rate_counters (key, count, window_ends) VALUES ({key}, 1, {ends})
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN rate_counters.window_ends <= {now} THEN 1 ELSE rate_counters.count + 1 END,
                window_ends = CASE WHEN rate_counters.window_ends <= {now} THEN {ends} ELSE rate_counters.window_ends END
            RETURNING count AS "Value"
            """).ToListAsync(ct);
        return counts[0];
    }

    /// <summary>Locks <paramref name="key"/> for <paramref name="duration"/> from now (a longer lock already there stays).</summary>
    public Task LockAsync(string key, TimeSpan duration, CancellationToken ct = default)
    {
        var until = clock.GetUtcNow() + duration;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO rate_counters (key, count, window_ends) VALUES ({key}, 1, {until})
            ON CONFLICT (key) DO UPDATE SET count = 1, window_ends = GREATEST(rate_counters.window_ends, {until})
            """, ct);
    }

    public Task<bool> IsLockedAsync(string key, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.RateCounters.AnyAsync(c => c.Key == key && c.WindowEnds > now, ct);
    }

    /// <summary>Forgets a count (e.g. wrong tries, once the right code came).</summary>
    public Task ResetAsync(string key, CancellationToken ct = default) =>
        db.RateCounters.Where(c => c.Key == key).ExecuteDeleteAsync(ct);
}
