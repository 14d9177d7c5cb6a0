using System.Diagnostics;
using System.Net;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>One event of a text/event-stream, as an EventSource dispatches it.</summary>
public sealed record ServerEvent(string Type, string? Id, string Data, int? Retry)
{
    /// <summary>When the test read it, on the test's stopwatch.</summary>
    public TimeSpan ReadAt { get; init; }

    /// <summary>When the test read it, on the wall clock (to compare with a time the database recorded).</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>
/// Reads a supervision stream line by line as a browser's EventSource would (fields until a blank
/// line; comments skipped), so that tests see the exact wire format and when each event arrived.
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public HttpStatusCode Status => _response.StatusCode;

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Now, on the clock <see cref="ServerEvent.ReadAt"/> is measured with.</summary>
    public static TimeSpan Now => Clock.Elapsed;

    public static async Task<EventStream> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event of type <paramref name="type"/> (others skipped), or null when the stream ended.</summary>
    public async Task<ServerEvent?> NextAsync(string type, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = await NextAsync(cts.Token);
            if (next is null || next.Type == type)
            {
                return next;
            }
        }
    }

    /// <summary>The next event of any type, or null when the stream ended; throws when <paramref name="ct"/> ends first.</summary>
    public async Task<ServerEvent?> NextAsync(CancellationToken ct)
    {
        string? type = null, id = null;
        int? retry = null;
        var data = new List<string>();
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new ServerEvent(type ?? "message", id, string.Join('\n', data), retry) { ReadAt = Now, ReceivedAt = DateTimeOffset.UtcNow };
                }
                continue;
            }
            if (line.StartsWith(':'))
            {
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            // One space after the colon is the separator; the rest is the value's (HTML keeps its indentation).
            var value = colon < 0 ? "" : line[(colon + 1)..] is [' ', .. var rest] ? rest : line[(colon + 1)..];
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data.Add(value); break;
                case "retry": retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
        return null;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
