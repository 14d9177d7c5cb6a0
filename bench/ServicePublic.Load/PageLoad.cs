using System.Diagnostics;

namespace ServicePublic.Load;

/// <summary>
/// Closed-loop page load: each browser asks for its next page as soon as the previous one is read
/// whole, for a while; the latency is from sending to the last byte. Latencies are kept per label
/// (e.g. the page's path without its variable part).
/// </summary>
public static class PageLoad
{
    public sealed record Result(TimeSpan Wall, IReadOnlyDictionary<string, Latencies> ByLabel, Latencies All);

    /// <param name="pathOf">The path a browser asks for at its n-th request.</param>
    /// <param name="labelOf">How a path is reported.</param>
    public static async Task<Result> RunAsync(
        IReadOnlyList<HttpClient> browsers, Func<int, string> pathOf, Func<string, string> labelOf, TimeSpan warmUp, TimeSpan duration, CancellationToken ct)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await LoopAsync(browsers, pathOf, _ => { }, warmUp, ct);
        }
        var byLabel = new System.Collections.Concurrent.ConcurrentDictionary<string, Latencies>(StringComparer.Ordinal);
        var all = new Latencies();
        var started = Stopwatch.GetTimestamp();
        await LoopAsync(browsers, pathOf, sample =>
        {
            byLabel.GetOrAdd(labelOf(sample.Path), _ => new Latencies()).Add(sample.Milliseconds, sample.Outcome);
            all.Add(sample.Milliseconds, sample.Outcome);
        }, duration, ct);
        return new Result(Stopwatch.GetElapsedTime(started), byLabel, all);
    }

    private sealed record Sample(string Path, double Milliseconds, string Outcome);

    private static async Task LoopAsync(IReadOnlyList<HttpClient> browsers, Func<int, string> pathOf, Action<Sample> record, TimeSpan duration, CancellationToken ct)
    {
        using var timeUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeUp.CancelAfter(duration);
        var next = -1;
        await Task.WhenAll(browsers.Select(async browser =>
        {
            while (!timeUp.IsCancellationRequested)
            {
                var path = pathOf(Interlocked.Increment(ref next));
                var start = Stopwatch.GetTimestamp();
                string outcome;
                try
                {
                    using var response = await browser.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
                    await response.Content.CopyToAsync(Stream.Null, ct);
                    outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    outcome = e.GetType().Name;
                }
                record(new Sample(path, Stopwatch.GetElapsedTime(start).TotalMilliseconds, outcome));
            }
        }));
    }
}
