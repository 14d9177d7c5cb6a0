namespace ServicePublic.Web.Features.Supervision;

/// <summary>The supervision screens' event stream, from the "Supervision:Live" section.</summary>
public sealed class LiveOptions
{
    public const string Section = "Supervision:Live";

    /// <summary>
    /// A ping this often: proxies do not close a quiet stream, and the page, which hears nothing
    /// for 40 s, knows its connection is dead even when the network did not say so.
    /// </summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// A stream ends after this long with a "bye", and the page opens a new one at once: the
    /// session is checked again (a role taken away, a password changed, an account closed) and
    /// screens spread again over the nodes after one of them restarted.
    /// </summary>
    public int StreamSeconds { get; set; } = 600;

    /// <summary>Open streams per account on one node: the room, the wall and a few tabs, not a runaway page.</summary>
    public int StreamsPerUser { get; set; } = 10;

    /// <summary>How long a browser waits before reconnecting by itself when the connection drops.</summary>
    public int RetryMilliseconds { get; set; } = 3000;

    /// <summary>
    /// A scope's snapshots are read this far apart at least (<see cref="RoomSnapshots"/>), and so
    /// are the live parts a stream pushes: under many changes a second, a screen still moves within
    /// this delay plus one reading, and the database reads one snapshot a second per scope watched.
    /// </summary>
    public int SnapshotIntervalMilliseconds { get; set; } = 1000;
}

/// <summary>The streams open on this node, per account: what <see cref="LiveOptions.StreamsPerUser"/> limits.</summary>
public sealed class LiveStreams
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _open = [];

    /// <summary>All streams open on this node.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open.Values.Sum();
            }
        }
    }

    /// <summary>A place for one more stream of <paramref name="userId"/>, given back when disposed; null when they hold <paramref name="limit"/> already.</summary>
    public IDisposable? TryOpen(string userId, int limit)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(userId);
            if (open >= limit)
            {
                return null;
            }
            _open[userId] = open + 1;
        }
        return new Place(this, userId);
    }

    private void Close(string userId)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(userId) - 1;
            if (open <= 0)
            {
                _open.Remove(userId);
            }
            else
            {
                _open[userId] = open;
            }
        }
    }

    private sealed class Place(LiveStreams streams, string userId) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                streams.Close(userId);
            }
        }
    }
}
