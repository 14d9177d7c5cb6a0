namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// Keeps a flood of refusals nobody answers for (forged payment callbacks) from flooding the audit
/// chain: on this node, one entry per key (an address and a reason) per <see cref="Window"/>, and
/// at most <see cref="Ceiling"/> entries per window whatever the number of addresses. The refusals
/// held back are counted, and the count goes into that key's next entry.
/// </summary>
public sealed class AuditThrottle(TimeProvider clock, ILogger<AuditThrottle> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Entries per window on one node, all keys together: a flood from many addresses stays bounded too.</summary>
    public const int Ceiling = 60;

    /// <summary>Beyond this many keys, those whose window is over are forgotten (their held-back count is logged).</summary>
    private const int MaxKeys = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _writtenInWindow;

    /// <summary>
    /// Null when the entry for <paramref name="key"/> is to be held back (it is counted); otherwise
    /// the number of refusals held back since that key's last entry, to write in this one.
    /// </summary>
    public int? TryPass(string key)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (now - _windowStart >= Window)
            {
                _windowStart = now;
                _writtenInWindow = 0;
            }
            _slots.TryGetValue(key, out var slot);
            if (slot is not null && now - slot.WrittenAt < Window || _writtenInWindow >= Ceiling)
            {
                if (slot is null)
                {
                    Forget(now);
                    // Never written: the next refusal for this key, in a later window, writes the count.
                    _slots[key] = slot = new Slot(DateTimeOffset.MinValue);
                }
                slot.HeldBack++;
                return null;
            }
            if (slot is null)
            {
                Forget(now);
            }
            var heldBack = slot?.HeldBack ?? 0;
            _slots[key] = new Slot(now);
            _writtenInWindow++;
            return heldBack;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        if (_slots.Count < MaxKeys)
        {
            return;
        }
        var lost = 0;
        foreach (var (key, slot) in _slots.Where(s => now - s.Value.WrittenAt >= Window).ToList())
        {
            lost += slot.HeldBack;
            _slots.Remove(key);
        }
        if (lost > 0)
        {
            logger.LogWarning("{Count} refusals held back from the audit chain were forgotten with their addresses", lost);
        }
    }

    private sealed class Slot(DateTimeOffset writtenAt)
    {
        public DateTimeOffset WrittenAt { get; } = writtenAt;

        public int HeldBack { get; set; }
    }
}
