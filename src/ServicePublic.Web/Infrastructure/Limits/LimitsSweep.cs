using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.Web.Infrastructure.Limits;

/// <summary>
/// Deletes counters whose window has ended and SMS codes past their expiry, a batch at a time;
/// rows another node is deleting are skipped (FOR UPDATE SKIP LOCKED), so every node may run it.
/// Neither is of any use once ended, and a hashed identifier is still personal data.
/// </summary>
public sealed class LimitsSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LimitsSweep> logger) : PollingService(scopes, clock, logger)
{
    private const int BatchSize = 1000;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override string JobName => "Limits sweep";

    protected override async Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow();
        var counters = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM rate_counters WHERE key IN (
                SELECT key FROM rate_counters WHERE window_ends <= {now} LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
            """, ct);
        var codes = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM sms_codes WHERE id IN (
                SELECT id FROM sms_codes WHERE expires_at <= {now} LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
            """, ct);
        return counters + codes;
    }
}
