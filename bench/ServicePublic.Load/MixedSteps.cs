using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ServicePublic.Load;

/// <summary>
/// What the mixed load measured, by step name (e.g. "submit"): each HTTP exchange's duration from
/// sending to its last byte, and whether it answered what a browser expects (a status, or a
/// redirect); the first few unexpected answers are kept with their address to be shown.
/// </summary>
public sealed class MixedSteps
{
    private const int ErrorsShown = 12;
    private readonly ConcurrentDictionary<string, Step> _steps = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _firstErrors = new();
    private long _measureFrom = long.MaxValue;
    private long _measureUntil = long.MaxValue;

    /// <summary>Samples are kept from now on (after the warm-up) until <paramref name="duration"/> from now.</summary>
    public void StartMeasuring(TimeSpan duration)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _measureUntil, now + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        Interlocked.Exchange(ref _measureFrom, now);
    }

    public IReadOnlyCollection<string> FirstErrors => _firstErrors;

    /// <summary>Records one exchange started at <paramref name="started"/>; <paramref name="error"/> null when it answered as expected.</summary>
    public void Record(string step, long started, string? error, string method, string url)
    {
        if (started < Interlocked.Read(ref _measureFrom) || started > Interlocked.Read(ref _measureUntil))
        {
            return;
        }
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _steps.GetOrAdd(step, _ => new Step()).Add(milliseconds, error is not null);
        if (error is not null && _firstErrors.Count < ErrorsShown)
        {
            _firstErrors.Enqueue($"{step}: {method} {url} → {error}");
        }
    }

    public IReadOnlyDictionary<string, Step> Steps => _steps;

    /// <summary>Every step's samples together.</summary>
    public Step All()
    {
        var all = new Step();
        foreach (var step in _steps.Values)
        {
            step.CopyTo(all);
        }
        return all;
    }

    public static string Describe(HttpResponseMessage response) =>
        ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
        + (response.Headers.Location is { } location ? $" (to {location.OriginalString})" : "");

    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb;

    /// <summary>The samples of one step.</summary>
    public sealed class Step
    {
        private readonly List<double> _milliseconds = [];
        private int _errors;

        public void Add(double milliseconds, bool error)
        {
            lock (_milliseconds)
            {
                _milliseconds.Add(milliseconds);
                _errors += error ? 1 : 0;
            }
        }

        public void CopyTo(Step other)
        {
            lock (_milliseconds)
            {
                foreach (var value in _milliseconds)
                {
                    other.Add(value, false);
                }
                Interlocked.Add(ref other._errors, _errors);
            }
        }

        public Summary Summarize(TimeSpan wall)
        {
            double[] sorted;
            int errors;
            lock (_milliseconds)
            {
                sorted = [.. _milliseconds.Order()];
                errors = _errors;
            }
            return new Summary(sorted.Length, sorted.Length / Math.Max(wall.TotalSeconds, 1e-9), Latencies.Percentile(sorted, 50),
                Latencies.Percentile(sorted, 95), Latencies.Percentile(sorted, 99), sorted.Length == 0 ? double.NaN : sorted[^1], errors);
        }
    }

    public sealed record Summary(int Count, double PerSecond, double P50, double P95, double P99, double Max, int Errors);
}
