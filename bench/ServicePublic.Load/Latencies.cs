using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ServicePublic.Load;

/// <summary>Durations recorded from many tasks at once, each with its outcome (a status code or an error); percentiles by nearest rank.</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<(double Milliseconds, string Outcome)> _samples = [];

    public int Count => _samples.Count;

    /// <summary>Requests that did not answer 2xx (or threw).</summary>
    public int Errors => _samples.Count(s => !s.Outcome.StartsWith('2'));

    public void Add(double milliseconds, string outcome) => _samples.Add((milliseconds, outcome));

    public void Add(long startTimestamp, HttpStatusCode status) =>
        Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, ((int)status).ToString(CultureInfo.InvariantCulture));

    public void CopyTo(Latencies other)
    {
        foreach (var sample in _samples)
        {
            other._samples.Add(sample);
        }
    }

    public Summary Summarize(TimeSpan wall)
    {
        var samples = _samples.ToArray();
        var sorted = samples.Select(s => s.Milliseconds).Order().ToArray();
        var outcomes = samples.GroupBy(s => s.Outcome, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}");
        return new Summary(sorted.Length, sorted.Length / Math.Max(wall.TotalSeconds, 1e-9),
            Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.Length == 0 ? double.NaN : sorted[^1],
            samples.Count(s => !s.Outcome.StartsWith('2')), string.Join(", ", outcomes));
    }

    /// <summary>Nearest rank: the smallest value with at least p % of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public sealed record Summary(int Count, double PerSecond, double P50, double P95, double P99, double Max, int Errors, string Outcomes)
    {
        public override string ToString() =>
            $"{Count,7:N0} req {PerSecond,7:N1}/s  p50 {P50,7:N1}  p95 {P95,7:N1}  p99 {P99,7:N1}  max {Max,7:N1} ms  errors {Errors} ({Outcomes})";
    }
}
