using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using ServicePublic.Web.Features.Statistics;

namespace ServicePublic.UnitTests;

/// <summary>
/// The statistics' figures as visitors get them: the first waits for the computation; later ones
/// never do, even when the figures are old (they are renewed behind them, once).
/// </summary>
public sealed class KeptFiguresTests : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(60), Keep = TimeSpan.FromMinutes(15);
    private readonly HandClock _clock = new();
    private readonly MemoryCache _cache;
    private readonly KeptFigures _kept;
    private int _computations;

    public KeptFiguresTests()
    {
        // The cache expires its entries by the same hand clock.
        _cache = new MemoryCache(new MemoryCacheOptions { Clock = _clock });
        _kept = new KeptFigures(_cache, _clock, NullLogger<KeptFigures>.Instance);
    }

    public void Dispose() => _cache.Dispose();

    private sealed class HandClock : TimeProvider, Microsoft.Extensions.Internal.ISystemClock
    {
        private DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public DateTimeOffset UtcNow => _now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    /// <summary>A computation the test finishes when it says, counting how many were started.</summary>
    private Func<Task<string?>> Held(TaskCompletionSource<string?> answer) => () =>
    {
        Interlocked.Increment(ref _computations);
        return answer.Task;
    };

    private Task<string?> AskAsync(Func<Task<string?>> compute) => _kept.GetAsync("figures", Fresh, Keep, compute, CancellationToken.None);

    [Fact]
    public async Task TheFirstVisitorsWait_ForOneComputation_SharedByAll()
    {
        var first = new TaskCompletionSource<string?>();
        var asked = Enumerable.Range(0, 5).Select(_ => AskAsync(Held(first))).ToList();

        Assert.All(asked, a => Assert.False(a.IsCompleted));
        first.SetResult("12 demandes");

        Assert.All(await Task.WhenAll(asked), v => Assert.Equal("12 demandes", v));
        Assert.Equal(1, _computations);
    }

    [Fact]
    public async Task OldFigures_AreShownAtOnce_WhileOneRenewalRunsForTheNextVisitors()
    {
        Assert.Equal("12 demandes", await AskAsync(() => Task.FromResult<string?>("12 demandes")));
        _clock.Advance(Fresh + TimeSpan.FromSeconds(1));
        var renewal = new TaskCompletionSource<string?>();

        var during = Enumerable.Range(0, 3).Select(_ => AskAsync(Held(renewal))).ToList();

        Assert.All(during, a => Assert.True(a.IsCompletedSuccessfully));
        Assert.All(during, a => Assert.Equal("12 demandes", a.Result));
        Assert.Equal(1, _computations);
        renewal.SetResult("13 demandes");
        Assert.Equal("13 demandes", await AskAsync(Held(new TaskCompletionSource<string?>())));
        Assert.Equal(1, _computations);
    }

    [Fact]
    public async Task FreshFigures_AreNotComputedAgain()
    {
        await AskAsync(() => Task.FromResult<string?>("12 demandes"));
        _clock.Advance(Fresh - TimeSpan.FromSeconds(1));

        Assert.Equal("12 demandes", await AskAsync(Held(new TaskCompletionSource<string?>())));
        Assert.Equal(0, _computations);
    }

    [Fact]
    public async Task AFailedRenewal_KeepsTheFiguresShown_AndTheNextVisitorTriesAgain()
    {
        await AskAsync(() => Task.FromResult<string?>("12 demandes"));
        _clock.Advance(Fresh + TimeSpan.FromSeconds(1));
        var failing = new TaskCompletionSource<string?>();

        Assert.Equal("12 demandes", await AskAsync(Held(failing)));
        failing.SetException(new InvalidOperationException("base indisponible"));
        await Task.Yield();
        var retried = new TaskCompletionSource<string?>();
        Assert.Equal("12 demandes", await AskAsync(Held(retried)));
        retried.SetResult("13 demandes");

        Assert.Equal(2, _computations);
        Assert.Equal("13 demandes", await AskAsync(Held(new TaskCompletionSource<string?>())));
    }

    [Fact]
    public async Task NothingIsKeptForAnUnknownScope_NorForAFailedFirstComputation()
    {
        Assert.Null(await AskAsync(() => Task.FromResult<string?>(null)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => AskAsync(() => Task.FromException<string?>(new InvalidOperationException())));

        Assert.Equal("12 demandes", await AskAsync(() => Task.FromResult<string?>("12 demandes")));
    }

    [Fact]
    public async Task AfterAQuietSpellLongerThanKept_TheNextVisitorWaitsForNewFigures()
    {
        await AskAsync(() => Task.FromResult<string?>("12 demandes"));
        _clock.Advance(Keep + TimeSpan.FromSeconds(1));
        var next = new TaskCompletionSource<string?>();

        var asked = AskAsync(Held(next));

        Assert.False(asked.IsCompleted);
        next.SetResult("40 demandes");
        Assert.Equal("40 demandes", await asked);
    }
}
