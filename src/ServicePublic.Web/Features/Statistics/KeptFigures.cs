using Microsoft.Extensions.Caching.Memory;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// Figures kept in memory (per node) and renewed behind the visitors' backs: the first visitor of
/// a scope waits for its computation, shared with everyone who asks before it ends; afterwards,
/// figures older than <c>freshFor</c> are still shown at once while one computation renews them
/// for the next visitors. Nobody waits again for the statistics' grouped queries (over a second
/// for the nation's twelve months on the 4-million-request benchmark), only after a quiet spell
/// longer than <c>keepFor</c>, when the kept figures are dropped. A renewal that fails keeps the
/// figures shown and is tried again by the next visitor; nothing is kept for a null (an unknown
/// code: addresses typed at random must not fill the cache).
/// </summary>
public sealed class KeptFigures(IMemoryCache cache, TimeProvider clock, ILogger<KeptFigures> logger)
{
    public async Task<T?> GetAsync<T>(string key, TimeSpan freshFor, TimeSpan keepFor, Func<Task<T?>> compute, CancellationToken ct)
        where T : class
    {
        var kept = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = keepFor;
            entry.Size = 1; // the portal may set a size limit on the shared cache
            return new Kept<T>(clock.GetUtcNow(), compute);
        })!;
        var shown = kept.Shown;
        if (shown.IsCompletedSuccessfully && shown.Result is { } value)
        {
            if (clock.GetUtcNow() - kept.ComputedAt >= freshFor)
            {
                kept.Renew(clock, compute, logger, key);
            }
            return value;
        }
        try
        {
            var first = await shown.WaitAsync(ct);
            if (first is null)
            {
                cache.Remove(key);
            }
            return first;
        }
        catch when (shown.IsFaulted)
        {
            cache.Remove(key);
            throw;
        }
    }

    private sealed class Kept<T>(DateTimeOffset startedAt, Func<Task<T?>> compute)
        where T : class
    {
        // The first computation runs for the first visitor who reads Shown, not for a losing
        // racer of GetOrCreate (whose Kept is never read).
        private readonly Lazy<Task<T?>> _first = new(compute);
        private Task<T?>? _renewed;
        private long _computedAt = startedAt.UtcTicks;
        private int _renewing;

        public Task<T?> Shown => Volatile.Read(ref _renewed) ?? _first.Value;

        public DateTimeOffset ComputedAt => new(Interlocked.Read(ref _computedAt), TimeSpan.Zero);

        /// <summary>Starts one renewal unless one is running; the figures shown change when it succeeds.</summary>
        public void Renew(TimeProvider clock, Func<Task<T?>> compute, ILogger logger, string key)
        {
            if (Interlocked.Exchange(ref _renewing, 1) == 1)
            {
                return;
            }
            _ = RenewAsync(clock, compute, logger, key);
        }

        private async Task RenewAsync(TimeProvider clock, Func<Task<T?>> compute, ILogger logger, string key)
        {
            var startedAt = clock.GetUtcNow();
            try
            {
                if (await compute() is { } value)
                {
                    Volatile.Write(ref _renewed, Task.FromResult<T?>(value));
                    Interlocked.Exchange(ref _computedAt, startedAt.UtcTicks);
                }
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Renewing the figures {Key} failed; the previous ones are still shown", key);
            }
            finally
            {
                Volatile.Write(ref _renewing, 0);
            }
        }
    }
}
