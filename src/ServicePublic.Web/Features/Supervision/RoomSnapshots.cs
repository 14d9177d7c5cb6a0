using System.Diagnostics;
using ServicePublic.Web.Infrastructure.Notifications;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// This node's snapshots, one per scope (and with or without the clerks' workload): however many
/// screens watch a scope, one computation serves them all (single flight), and it is thrown away
/// when a change in that scope is announced (<see cref="SupervisionSignals.Received"/>) or when it is
/// <see cref="MaxAge"/> old, since "overdue" and "today" move with the clock alone (then the old one
/// is still served while its successor is computed, so viewers never all wait on the clock).
/// A scope's computations start <see cref="LiveOptions.SnapshotIntervalMilliseconds"/> apart at
/// least: a busy ministry costs the database one snapshot a second, however many changes and
/// screens it has; the changes announced while the next one waits its turn are all in it. And a
/// snapshot reads again only the procedures changed since the one before (<see cref="RoomFacts"/>),
/// all of them every <see cref="FullReadAge"/> or when a change cannot be placed (a listener's
/// resync, a failure), so the moves of the clock alone (overdue, age bands) show within that time.
/// </summary>
public sealed class RoomSnapshots : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>Facts older than this are all read again: the clock moved the age bands and overdue counts of the procedures that did not change.</summary>
    public static readonly TimeSpan FullReadAge = TimeSpan.FromSeconds(30);

    // A bound on forgotten scopes: past it, entries older than a minute go.
    private const int MaxEntries = 512;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Slot> _slots = [];
    private readonly IServiceScopeFactory _services;
    private readonly SupervisionSignals _signals;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly ILogger<RoomSnapshots> _logger;
    private long _generation;
    private long _fullReadings;
    private long _partialReadings;

    public RoomSnapshots(IServiceScopeFactory services, SupervisionSignals signals, TimeProvider clock, IOptions<LiveOptions> options, ILogger<RoomSnapshots> logger)
    {
        _services = services;
        _signals = signals;
        _clock = clock;
        _interval = TimeSpan.FromMilliseconds(options.Value.SnapshotIntervalMilliseconds);
        _logger = logger;
        _signals.Received += Invalidate;
    }

    /// <summary>
    /// How many changes this node has heard of. A snapshot asked for with <c>atLeast</c> this number
    /// holds every change heard of so far: its reading began after they were announced, so after
    /// they were committed.
    /// </summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>Snapshots read whole, and made of the previous one with the changed procedures read again, since the portal started.</summary>
    public long FullReadings => Interlocked.Read(ref _fullReadings);

    public long PartialReadings => Interlocked.Read(ref _partialReadings);

    /// <summary>
    /// The snapshot of <paramref name="scope"/>: the shared one while fresh, else a new one (shared
    /// with whoever asks meanwhile); with <paramref name="atLeast"/>, one whose reading began at that
    /// <see cref="Generation"/> or later, even if a fresh one is at hand.
    /// </summary>
    public async Task<RoomSnapshot> GetAsync(RoomScope scope, bool includeWorkload, CancellationToken ct, long atLeast = 0)
    {
        var key = $"{scope.Key}/{(includeWorkload ? "room" : "wall")}";
        while (true)
        {
            Entry entry;
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                if (!_slots.TryGetValue(key, out var slot))
                {
                    Prune(now);
                    _slots[key] = slot = new Slot(scope);
                }
                var found = slot.Current;
                // One computation at a time per scope: a change announced while one runs is read by
                // the next, which starts when this one is done and its turn has come.
                var running = found is not null && !found.Snapshot.IsCompleted;
                if (!running && (found is null || !found.IsFreshAt(now) || found.Generation < atLeast))
                {
                    // Grown old with no change announced: its figures stay true but for the clock's own
                    // moves (overdue, "today"), so viewers keep it while the next one is computed rather
                    // than all waiting for it. After a change, viewers wait: the room must show it.
                    var previous = found is { Stale: false, Snapshot.IsCompletedSuccessfully: true } ? found.Snapshot.Result : null;
                    var turn = found is null ? 0 : found.Started + (long)(_interval.TotalSeconds * Stopwatch.Frequency);
                    found = new Entry { Previous = previous, Queued = now };
                    found.Snapshot = ComputeAsync(slot, found, includeWorkload, turn);
                    slot.Current = found;
                }
                entry = found!;
                if (!entry.Snapshot.IsCompleted && atLeast == 0 && !entry.Stale && entry.Previous is { } meanwhile)
                {
                    return meanwhile;
                }
            }
            // A viewer that goes away stops waiting; the computation goes on for the others.
            var snapshot = await entry.Snapshot.WaitAsync(ct);
            if (entry.Generation >= atLeast)
            {
                return snapshot;
            }
        }
    }

    /// <summary>Waits for the scope's turn (<paramref name="turn"/>, a Stopwatch timestamp), then reads what changed since the last reading.</summary>
    private async Task<RoomSnapshot> ComputeAsync(Slot slot, Entry entry, bool includeWorkload, long turn)
    {
        // Off the caller's stack: the computation belongs to every viewer, not to the first one.
        await Task.Yield();
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), turn);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        DateTimeOffset now;
        RoomFacts? previous;
        HashSet<int>? changed;
        lock (_gate)
        {
            // From here on, a change announced is not surely in the reading: it makes this entry stale
            // and is kept for the next reading.
            entry.Generation = _generation;
            entry.Started = Stopwatch.GetTimestamp();
            // The clock of the figures is the entry's own (a queued entry may have waited its turn).
            now = _clock.GetUtcNow();
            var fresh = slot.Facts is { } facts && now >= facts.FullyReadAt && now - facts.FullyReadAt < FullReadAge;
            (previous, changed) = fresh ? (slot.Facts, slot.Changed) : (null, null);
            slot.Changed = [];
        }
        try
        {
            await using var services = _services.CreateAsyncScope();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var (snapshot, facts) = await services.ServiceProvider.GetRequiredService<RoomQueries>()
                .SnapshotAsync(slot.Scope, includeWorkload, now, previous, changed, timeout.Token);
            lock (_gate)
            {
                slot.Facts = facts;
            }
            Interlocked.Increment(ref facts.IsPartial ? ref _partialReadings : ref _fullReadings);
            return snapshot;
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                // What this reading was to catch up with is lost with it: the next one reads everything.
                slot.Changed = null;
            }
            // A failed entry is never fresh: the next viewer tries again.
            _logger.LogError(ex, "Supervision snapshot of {Scope} failed", slot.Scope.Key);
            throw;
        }
    }

    /// <summary>
    /// A change (or a listener's resync) makes every snapshot that includes it stale, and its procedure
    /// one to read again (a resync: all of them); the next viewer recomputes.
    /// </summary>
    private void Invalidate(SupervisionSignal signal)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var slot in _slots.Values)
            {
                if (!slot.Scope.Includes(signal))
                {
                    continue;
                }
                if (signal.IsResync || signal.ProcedureId == 0)
                {
                    slot.Changed = null;
                }
                else
                {
                    slot.Changed?.Add(signal.ProcedureId);
                }
                if (slot.Current is not { } entry)
                {
                    continue;
                }
                if (entry.Started == 0)
                {
                    // Still waiting its turn: it will read this change, but the older one it would
                    // show meanwhile does not have it.
                    entry.Previous = null;
                }
                else
                {
                    entry.Stale = true;
                }
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_slots.Count < MaxEntries)
        {
            return;
        }
        foreach (var key in _slots.Where(e => e.Value.Current is not { } entry || now - entry.Queued > TimeSpan.FromMinutes(1)).Select(e => e.Key).ToList())
        {
            _slots.Remove(key);
        }
    }

    public void Dispose() => _signals.Received -= Invalidate;

    /// <summary>One scope (room or wall): its latest computation, the facts last read, what changed since. Written under the cache's lock.</summary>
    private sealed class Slot(RoomScope scope)
    {
        public RoomScope Scope { get; } = scope;

        public Entry? Current { get; set; }

        /// <summary>The facts of the last successful reading.</summary>
        public RoomFacts? Facts { get; set; }

        /// <summary>Procedures changed since the last reading began; null: anything may have.</summary>
        public HashSet<int>? Changed { get; set; } = [];
    }

    /// <summary>One computation of a scope's snapshot. Every field is written under the cache's lock.</summary>
    private sealed class Entry
    {
        public DateTimeOffset Queued { get; init; }

        public Task<RoomSnapshot> Snapshot { get; set; } = null!;

        /// <summary>When its reading began (a Stopwatch timestamp), 0 while it waits its turn.</summary>
        public long Started { get; set; }

        /// <summary>The <see cref="RoomSnapshots.Generation"/> its reading began at: every change heard of before is in it.</summary>
        public long Generation { get; set; } = long.MaxValue;

        /// <summary>A change in its scope was announced after its reading began.</summary>
        public bool Stale { get; set; }

        /// <summary>The snapshot this one replaces because it grew old (not because of a change): served until this one is ready.</summary>
        public RoomSnapshot? Previous { get; set; }

        /// <summary>Not stale, not failed, and younger than <see cref="MaxAge"/> (a clock that went back counts as old).</summary>
        public bool IsFreshAt(DateTimeOffset now) =>
            !Stale && !Snapshot.IsFaulted && !Snapshot.IsCanceled && now >= Queued && now - Queued < MaxAge;
    }
}
