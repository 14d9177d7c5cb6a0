using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace ServicePublic.TestSupport;

/// <summary>
/// What a portal under test logged at Error or above (Serilog reads this sink from the services),
/// so a test can prove that a case it expects (a race lost, a refused input) is not a server error
/// in the operators' log. Tests share a portal: read it for one request path.
/// </summary>
public sealed class LoggedErrors : ILogEventSink
{
    private const int Kept = 2_000;
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Error)
        {
            return;
        }
        _events.Enqueue(logEvent);
        while (_events.Count > Kept && _events.TryDequeue(out _))
        {
        }
    }

    /// <summary>The errors logged while answering a request whose path contains <paramref name="pathPart"/>, as their messages.</summary>
    public IReadOnlyList<string> During(string pathPart) =>
        [.. from e in _events
            where e.Properties.TryGetValue("RequestPath", out var path) && path.ToString().Contains(pathPart, StringComparison.Ordinal)
            select e.RenderMessage() + (e.Exception is null ? "" : " — " + e.Exception.GetType().Name + ": " + e.Exception.Message)];
}
