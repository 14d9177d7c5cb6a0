using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.RegularExpressions;

namespace ServicePublic.Load;

/// <summary>
/// One supervision screen (the room or the wall) kept live the way /js/live.js does it: the page,
/// whose <c>#live</c> element names its stream (<c>data-live-stream</c>) and the last change it
/// includes (<c>data-seq</c>); then the Server-Sent Events stream, which pushes the live part again
/// (<c>live</c> events) on connection and after changes. Records when each change was heard of
/// (<c>change</c>) and when a live part including it arrived (what the screen shows).
/// </summary>
public sealed partial class Screen(HttpClient browser, string page, string? fallbackStream)
{
    private long _seq;
    private long _liveParts;
    private long _liveBytes;

    public string? StreamUrl { get; private set; }

    /// <summary>Change number → Stopwatch timestamp when its event was read off the stream.</summary>
    public ConcurrentDictionary<long, long> ReceivedAt { get; } = new();

    /// <summary>Change number → Stopwatch timestamp when the first live part including it arrived.</summary>
    public ConcurrentDictionary<long, long> ShownAt { get; } = new();

    public int Connections { get; private set; }

    /// <summary>Live parts received, and their size in characters.</summary>
    public (long Count, long Characters) LiveParts => (Interlocked.Read(ref _liveParts), Interlocked.Read(ref _liveBytes));

    /// <summary>What went wrong with the page (not found, no #live element), if anything.</summary>
    public string? PageProblem { get; private set; }

    /// <summary>What went wrong with the stream last, until it connects again.</summary>
    public string? Failure { get; private set; }

    /// <summary>Reads the page once: where its stream is, and what it shows.</summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        using var response = await browser.GetAsync(page, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        var live = LiveElement().Match(html);
        if (live.Success)
        {
            StreamUrl = Attribute(live.Value, "data-live-stream");
            _ = long.TryParse(Attribute(live.Value, "data-seq"), out _seq);
        }
        if (!response.IsSuccessStatusCode || !live.Success)
        {
            PageProblem = $"{page} answered {(int)response.StatusCode}{(live.Success ? "" : " without a #live element")}"
                + (fallbackStream is null ? "" : $": listening to {fallbackStream}");
        }
        StreamUrl ??= fallbackStream;
    }

    /// <summary>Listens (reconnecting as the script does) until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (StreamUrl is null)
        {
            return;
        }
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenOnceAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
            {
                Failure = $"{StreamUrl}: {e.Message}";
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private async Task ListenOnceAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, StreamUrl);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the stream answered {(int)response.StatusCode}");
        }
        Connections++;
        Failure = null;
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(ct))
        {
            var now = Stopwatch.GetTimestamp();
            switch (item.EventType)
            {
                case "change" when long.TryParse(item.EventId, out var seq):
                    ReceivedAt.TryAdd(seq, now);
                    break;
                case "live":
                    Interlocked.Increment(ref _liveParts);
                    Interlocked.Add(ref _liveBytes, item.Data.Length);
                    if (long.TryParse(Attribute(item.Data, "data-seq"), out var shown))
                    {
                        Show(shown, now);
                    }
                    break;
                case "bye":
                    return;
            }
        }
    }

    // Every change heard of, up to the one the live part includes, is on screen from now on.
    private void Show(long shown, long now)
    {
        Interlocked.Exchange(ref _seq, Math.Max(Interlocked.Read(ref _seq), shown));
        foreach (var seq in ReceivedAt.Keys)
        {
            if (seq <= shown)
            {
                ShownAt.TryAdd(seq, now);
            }
        }
    }

    private static string? Attribute(string html, string name)
    {
        var match = Regex.Match(html, name + "=\"([^\"]*)\"");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<[a-z]+[^>]*\\bid=\"live\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LiveElement();
}
