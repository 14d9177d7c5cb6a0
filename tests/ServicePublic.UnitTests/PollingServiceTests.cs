using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServicePublic.Web.Infrastructure.BackgroundWork;

namespace ServicePublic.UnitTests;

/// <summary>The loop the background jobs share, with a scripted job instead of the database.</summary>
public sealed class PollingServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AFailingRound_IsLogged_AndTheLoopGoesOn()
    {
        var logger = new ListLogger();
        var job = new ScriptedJob(logger, batches: [() => throw new InvalidOperationException("base injoignable"), () => 3]);

        await job.StartAsync(CancellationToken.None);
        await job.Done.Task.WaitAsync(Patience);
        await job.StopAsync(CancellationToken.None);

        // The failure once, as a warning; then, once a round works again, that it does.
        Assert.Equal(2, logger.Entries.Count);
        var (warning, back) = (logger.Entries[0], logger.Entries[1]);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("Scripted job failed; retrying later", warning.Message);
        Assert.Equal("base injoignable", warning.Exception?.Message);
        Assert.Equal((LogLevel.Information, "Scripted job works again"), (back.Level, back.Message));
        Assert.True(job.Calls >= 3, "the batches after the failure ran");
    }

    [Fact]
    public async Task Cancellation_StopsTheLoop()
    {
        var job = new ScriptedJob(new ListLogger(), batches: []);
        await job.StartAsync(CancellationToken.None);
        await job.Done.Task.WaitAsync(Patience);

        await job.StopAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.True(job.ExecuteTask!.IsCompleted);
        var calls = job.Calls;
        await Task.Delay(50);
        Assert.Equal(calls, job.Calls);
    }

    [Fact]
    public async Task ADisabledJob_NeverRuns_ButCanStillBeRunOnceByHand()
    {
        var job = new ScriptedJob(new ListLogger(), batches: [() => 2], enabled: false);

        await job.StartAsync(CancellationToken.None);
        await job.ExecuteTask!.WaitAsync(Patience);
        var before = job.Calls;
        var handled = await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, before);
        Assert.Equal(2, handled);
    }

    /// <summary>Plays its batches in order, then finds nothing to do; <see cref="Done"/> once they are played.</summary>
    private sealed class ScriptedJob(ILogger logger, Func<int>[] batches, bool enabled = true)
        : PollingService(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, logger)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        protected override bool Enabled => enabled;

        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(1);

        protected override string JobName => "Scripted job";

        protected override Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct)
        {
            var index = Calls++;
            if (index >= batches.Length)
            {
                Done.TrySetResult();
                return Task.FromResult(0);
            }
            return Task.FromResult(batches[index]());
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
