using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.RegularExpressions;

namespace ServicePublic.Load;

/// <summary>
/// One supervision screen (the room or the wall) kept live the way /js/live.js does it (issue 11's
/// contract): the page, whose <c>#live</c> element names its stream (<c>data-live-stream</c>), its
/// fragment (<c>data-live-fragment</c>) and the last change it includes (<c>data-seq</c>); then the
/// Server-Sent Events stream; on each <c>change</c> newer than what it shows, on <c>resync</c> and
/// on every (re)connection, the fragment again, coalesced to one fetch per 300 ms at most. Records
/// when each change arrived, and how long fragments took.
/// </summary>
public sealed partial class Screen(HttpClient browser, string page, string? fallbackStream)
{
    private static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(300);
    private readonly SemaphoreSlim _refresh = new(0);
    private long _seq;

    public string? StreamUrl { get; private set; }
    public string? FragmentUrl { get; private set; }
    public bool FetchesFragments { get; init; } = true;

    /// <summary>Change number → Stopwatch timestamp when its event was read off the stream.</summary>
    public ConcurrentDictionary<long, long> ReceivedAt { get; } = new();

    /// <summary>How long fragments took (may be shared by several screens).</summary>
    public Latencies Fragments { get; init; } = new();
    public int Connections { get; private set; }

    /// <summary>What went wrong with the page (not found, no #live element), if anything.</summary>
    public string? PageProblem { get; private set; }

    /// <summary>What went wrong with the stream last, until it connects again.</summary>
    public string? Failure { get; private set; }

    /// <summary>Reads the page once: where its stream and fragment are, and what it shows.</summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        using var response = await browser.GetAsync(page, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        var live = LiveElement().Match(html);
        if (live.Success)
        {
            StreamUrl = Attribute(live.Value, "data-live-stream");
            FragmentUrl = Attribute(live.Value, "data-live-fragment");
            _ = long.TryParse(Attribute(live.Value, "data-seq"), out _seq);
        }
        if (!response.IsSuccessStatusCode || !live.Success)
        {
            PageProblem = $"{page} answered {(int)response.StatusCode}{(live.Success ? "" : " without a #live element")}"
                + (fallbackStream is null ? "" : $": listening to {fallbackStream}, no fragment");
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
        var refresher = FetchesFragments && FragmentUrl is not null ? RefreshLoopAsync(ct) : Task.CompletedTask;
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
        _refresh.Release();
        await refresher;
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
                case "hello" or "resync":
                    // The script reads a fresh snapshot on every (re)connection and after a resync.
                    RequestRefresh();
                    break;
                case "change" when long.TryParse(item.EventId, out var seq):
                    ReceivedAt.TryAdd(seq, now);
                    if (seq > Interlocked.Read(ref _seq))
                    {
                        RequestRefresh();
                    }
                    break;
                case "bye":
                    return;
            }
        }
    }

    private void RequestRefresh()
    {
        if (FetchesFragments && FragmentUrl is not null && _refresh.CurrentCount == 0)
        {
            _refresh.Release();
        }
    }

    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        var last = 0L;
        try
        {
            while (true)
            {
                await _refresh.WaitAsync(ct);
                var wait = Coalescing - Stopwatch.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }
                // Changes that arrived while waiting are covered by this one fetch.
                while (_refresh.CurrentCount > 0)
                {
                    await _refresh.WaitAsync(ct);
                }
                last = Stopwatch.GetTimestamp();
                using var response = await browser.GetAsync(FragmentUrl, ct);
                var html = await response.Content.ReadAsStringAsync(ct);
                Fragments.Add(last, response.StatusCode);
                if (long.TryParse(Attribute(html, "data-seq"), out var shown) && shown > Interlocked.Read(ref _seq))
                {
                    Interlocked.Exchange(ref _seq, shown);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The screen is closed.
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
