using ServicePublic.Web.Infrastructure.Notifications;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// This node's snapshots, one per scope (and with or without the clerks' workload): however many
/// screens watch a scope, one computation serves them all (single flight), and it is thrown away
/// when a change in that scope is announced (<see cref="SupervisionSignals.Received"/>) or when it is
/// <see cref="MaxAge"/> old, since "overdue" and "today" move with the clock alone (then the old one
/// is still served while its successor is computed, so viewers never all wait on the clock).
/// </summary>
public sealed class RoomSnapshots : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    // A bound on forgotten scopes: past it, entries older than a minute go.
    private const int MaxEntries = 512;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = [];
    private readonly IServiceScopeFactory _services;
    private readonly SupervisionSignals _signals;
    private readonly TimeProvider _clock;
    private readonly ILogger<RoomSnapshots> _logger;

    public RoomSnapshots(IServiceScopeFactory services, SupervisionSignals signals, TimeProvider clock, ILogger<RoomSnapshots> logger)
    {
        _services = services;
        _signals = signals;
        _clock = clock;
        _logger = logger;
        _signals.Received += Invalidate;
    }

    /// <summary>The snapshot of <paramref name="scope"/>: the shared one while fresh, else a new one (shared with whoever asks meanwhile).</summary>
    public Task<RoomSnapshot> GetAsync(RoomScope scope, bool includeWorkload, CancellationToken ct)
    {
        var key = $"{scope.Key}/{(includeWorkload ? "room" : "wall")}";
        var now = _clock.GetUtcNow();
        Entry entry;
        lock (_gate)
        {
            var found = _entries.TryGetValue(key, out entry!);
            // One computation at a time per scope: a change announced while one runs is read by the
            // next (the screens' script asks again when a snapshot is older than the change it heard of).
            var computing = found && !entry.Snapshot.IsCompleted;
            if (!computing && (!found || !entry.IsFreshAt(now)))
            {
                // Grown old with no change announced: its figures stay true but for the clock's own
                // moves (overdue, "today"), so viewers keep it while the next one is computed rather
                // than all waiting for it. After a change, viewers wait: the room must show it.
                var previous = found && !entry.Stale && entry.Snapshot.IsCompletedSuccessfully ? entry.Snapshot.Result : null;
                Prune(now);
                entry = new Entry(scope, now, ComputeAsync(scope, includeWorkload, now)) { Previous = previous };
                _entries[key] = entry;
            }
            if (!entry.Snapshot.IsCompleted && !entry.Stale && entry.Previous is { } meanwhile)
            {
                return Task.FromResult(meanwhile);
            }
        }
        // A viewer that goes away stops waiting; the computation goes on for the others.
        return entry.Snapshot.WaitAsync(ct);
    }

    private async Task<RoomSnapshot> ComputeAsync(RoomScope scope, bool includeWorkload, DateTimeOffset now)
    {
        // Off the caller's stack: the computation belongs to every viewer, not to the first one.
        await Task.Yield();
        try
        {
            await using var services = _services.CreateAsyncScope();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await services.ServiceProvider.GetRequiredService<RoomQueries>().SnapshotAsync(scope, includeWorkload, now, timeout.Token);
        }
        catch (Exception ex)
        {
            // A failed entry is never fresh: the next viewer tries again.
            _logger.LogError(ex, "Supervision snapshot of {Scope} failed", scope.Key);
            throw;
        }
    }

    /// <summary>A change (or a listener's resync) makes every snapshot that includes it stale; the next viewer recomputes.</summary>
    private void Invalidate(SupervisionSignal signal)
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                if (entry.Scope.Includes(signal))
                {
                    entry.Stale = true;
                }
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_entries.Count < MaxEntries)
        {
            return;
        }
        foreach (var key in _entries.Where(e => now - e.Value.At > TimeSpan.FromMinutes(1)).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }

    public void Dispose() => _signals.Received -= Invalidate;

    private sealed class Entry(RoomScope scope, DateTimeOffset at, Task<RoomSnapshot> snapshot)
    {
        public RoomScope Scope { get; } = scope;
        public DateTimeOffset At { get; } = at;
        public Task<RoomSnapshot> Snapshot { get; } = snapshot;

        /// <summary>Written under the cache's lock.</summary>
        public bool Stale { get; set; }

        /// <summary>The snapshot this one replaces because it grew old (not because of a change): served until this one is ready.</summary>
        public RoomSnapshot? Previous { get; init; }

        /// <summary>Not stale, not failed, and younger than <see cref="MaxAge"/> (a clock that went back counts as old).</summary>
        public bool IsFreshAt(DateTimeOffset now) =>
            !Stale && !Snapshot.IsFaulted && !Snapshot.IsCanceled && now >= At && now - At < MaxAge;
    }
}
