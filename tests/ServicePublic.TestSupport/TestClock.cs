namespace ServicePublic.TestSupport;

/// <summary>The portal's clock in a test: real time at the start, then moved forward by the test (e.g. past a code's expiry).</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
