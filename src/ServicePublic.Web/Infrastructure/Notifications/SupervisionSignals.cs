using System.Threading.Channels;

namespace ServicePublic.Web.Infrastructure.Notifications;

/// <summary>
/// One state change, as PostgreSQL announced it (NOTIFY supervision): its number in
/// supervision_activity, where it happened, what it was. No person, no answer.
/// A <see cref="Kind"/> of <see cref="Resync"/> means "the listener (re)connected: anything may
/// have changed meanwhile, read a fresh snapshot".
/// </summary>
public sealed record SupervisionSignal(long Seq, int MinistryId, int? OfficeId, int ProcedureId, string Kind)
{
    public const string Resync = "resync";

    public static SupervisionSignal Resynchronise() => new(0, 0, null, 0, Resync);

    public bool IsResync => Kind == Resync;
}

/// <summary>
/// This node's fan-out of the signals its single listening connection receives: every open
/// supervision screen (and the room's snapshot cache) subscribes here. Subscribers get a bounded
/// channel each; a screen too slow to read drops its oldest signals, which costs nothing since a
/// screen reads a fresh snapshot anyway.
/// </summary>
public sealed class SupervisionSignals
{
    private readonly Lock _gate = new();
    private readonly List<Channel<SupervisionSignal>> _subscribers = [];
    private long _published;

    /// <summary>How many signals this node has published since it started (a change counter for caches).</summary>
    public long Published => Interlocked.Read(ref _published);

    public event Action<SupervisionSignal>? Received;

    public void Publish(SupervisionSignal signal)
    {
        Interlocked.Increment(ref _published);
        // Caches first: a screen that hears of the change and asks for a snapshot gets one with it.
        Received?.Invoke(signal);
        Channel<SupervisionSignal>[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }
        foreach (var channel in subscribers)
        {
            channel.Writer.TryWrite(signal);
        }
    }

    /// <summary>How many subscriptions are open on this node (screens and caches).</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>
    /// Subscribes now: every signal published after this call is in the subscription's reader until
    /// it is disposed. A screen subscribes before it reads its first snapshot, so that nothing
    /// committed in between can slip past both.
    /// </summary>
    public Subscription Subscribe()
    {
        var subscription = new Subscription(this);
        lock (_gate)
        {
            _subscribers.Add(subscription.Channel);
        }
        return subscription;
    }

    /// <summary>A stream of the signals from now on, until <paramref name="ct"/> ends (the screen went away).</summary>
    public async IAsyncEnumerable<SupervisionSignal> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var subscription = Subscribe();
        await foreach (var signal in subscription.Reader.ReadAllAsync(ct))
        {
            yield return signal;
        }
    }

    private void Unsubscribe(Channel<SupervisionSignal> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }
    }

    /// <summary>One subscriber's signals, in a bounded channel that drops its oldest when the reader falls behind.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly SupervisionSignals _signals;

        internal Subscription(SupervisionSignals signals) => _signals = signals;

        internal Channel<SupervisionSignal> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<SupervisionSignal>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

        public ChannelReader<SupervisionSignal> Reader => Channel.Reader;

        public void Dispose() => _signals.Unsubscribe(Channel);
    }
}
