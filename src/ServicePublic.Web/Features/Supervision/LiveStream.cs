using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using ServicePublic.Web.Infrastructure.Notifications;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// One supervision screen's Server-Sent Events (text/event-stream), written by hand to keep each
/// line and each flush in view:
/// <list type="bullet">
/// <item><c>hello</c> first, with the newest supervision_activity number and the browser's reconnection delay;</item>
/// <item><c>live</c> right after, then after changes: the page's live part (#live) as the page renders
/// it, from a snapshot read after the changes were heard of: the screen swaps it in, exact, without
/// asking for anything. Snapshots are shared by every screen of the scope on this node and read
/// <see cref="LiveOptions.SnapshotIntervalMilliseconds"/> apart at most (<see cref="RoomSnapshots"/>),
/// so fifty wall screens cost one reading and one rendering per change, or per second when busier;</item>
/// <item><c>change</c> for each state change in the screen's scope, as it is heard of: its number
/// (also the event id) and kind, never a name;</item>
/// <item><c>ping</c> every <see cref="LiveOptions.HeartbeatSeconds"/>: a named event rather than an SSE comment,
/// because a page never sees comments and must tell a quiet stream from a dead one;</item>
/// <item><c>bye</c> when the server ends the stream (its time is up, the portal stops): the page reconnects at once.</item>
/// </list>
/// <c>resync</c> when this node's listener reconnected (notifications sent meanwhile are lost): a
/// change in every scope, so a fresh live part follows. No replay: a reconnecting page (its Last-Event-ID notwithstanding) is sent the
/// current live part, which is exact.
/// </summary>
public sealed class LiveStream(SupervisionSignals signals, RoomSnapshots snapshots, AppDbContext db, IOptions<LiveOptions> options,
    IHostApplicationLifetime lifetime, ILogger<LiveStream> logger)
{
    public const string ContentType = "text/event-stream";

    /// <summary>Streams <paramref name="scope"/> until the screen goes away; <paramref name="render"/> gives a snapshot's live part for the page (<paramref name="wall"/>: the wall's).</summary>
    public async Task RunAsync(HttpContext context, RoomScope scope, bool wall, Func<RoomSnapshot, Task<string>> render)
    {
        var settings = options.Value;
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-store";
        // Reverse proxies (nginx) would otherwise hold events back to fill their buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Subscribed before reading the newest number: nothing committed in between goes unseen.
        using var subscription = signals.Subscribe();
        using var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(settings.HeartbeatSeconds));
        using var timeUp = new CancellationTokenSource(TimeSpan.FromSeconds(settings.StreamSeconds));
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(aborted, timeUp.Token, lifetime.ApplicationStopping);
        try
        {
            var latest = await db.Database.SqlQuery<long>($"SELECT coalesce(max(id), 0) AS \"Value\" FROM supervision_activity").SingleAsync(ending.Token);
            await response.WriteAsync(Hello(latest, settings.RetryMilliseconds), ending.Token);
            await response.Body.FlushAsync(ending.Token);
            await PumpAsync(subscription.Reader, heartbeat, new Screen(scope, wall, render), response, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The screen went away, the stream's time is up or the portal stops.
        }
        if (!aborted.IsCancellationRequested)
        {
            await response.WriteAsync(Event("bye", "{}"), aborted);
            await response.Body.FlushAsync(aborted);
        }
    }

    // Each live part as an event, encoded once for all the screens it goes to (and gone with it).
    private static readonly ConditionalWeakTable<string, byte[]> LiveEvents = [];

    /// <summary>What a stream shows: a scope, as the room or the wall renders it.</summary>
    private sealed record Screen(RoomScope Scope, bool Wall, Func<RoomSnapshot, Task<string>> Render);

    /// <summary>Waits for signals, heartbeats and the next snapshot together, on one task, so writes never overlap.</summary>
    private async Task PumpAsync(ChannelReader<SupervisionSignal> reader, PeriodicTimer heartbeat, Screen screen, HttpResponse response, CancellationToken ct)
    {
        Task<bool>? signal = null;
        Task<bool>? tick = null;
        // The snapshot to push next: the current one first (the page may be older), then, after
        // changes, one read after them (Generation); changes heard while it is read ask for another.
        var next = snapshots.GetAsync(screen.Scope, !screen.Wall, ct);
        long asked = 0, wanted = 0;
        RoomSnapshot? shown = null;
        while (true)
        {
            signal ??= reader.WaitToReadAsync(ct).AsTask();
            tick ??= heartbeat.WaitForNextTickAsync(ct).AsTask();
            var first = next is null ? await Task.WhenAny(signal, tick) : await Task.WhenAny(signal, tick, next);
            if (first == next)
            {
                next = null;
                try
                {
                    var snapshot = await (Task<RoomSnapshot>)first;
                    if (!ReferenceEquals(snapshot, shown))
                    {
                        shown = snapshot;
                        await response.Body.WriteAsync(LiveEvents.GetValue(await screen.Render(snapshot), html => Encoding.UTF8.GetBytes(Live(html))), ct);
                    }
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // The database failed the reading (logged by RoomSnapshots): try again in a while.
                    logger.LogWarning(ex, "No live part for {Scope}: asking again", screen.Scope.Key);
                    next = LaterAsync(screen, asked, ct);
                }
                if (next is null && wanted > asked)
                {
                    asked = wanted;
                    next = snapshots.GetAsync(screen.Scope, !screen.Wall, ct, asked);
                }
            }
            else if (first == tick)
            {
                tick = null;
                if (!await (Task<bool>)first)
                {
                    return;
                }
                await response.WriteAsync(Event("ping", "{}"), ct);
            }
            else
            {
                signal = null;
                if (!await (Task<bool>)first)
                {
                    return;
                }
                var changed = false;
                while (reader.TryRead(out var heard))
                {
                    if (screen.Scope.Includes(heard))
                    {
                        changed = true;
                        await response.WriteAsync(Of(heard), ct);
                    }
                }
                if (changed)
                {
                    // Read after the caches heard of these changes (SupervisionSignals tells them first).
                    wanted = snapshots.Generation;
                    if (next is null)
                    {
                        asked = wanted;
                        next = snapshots.GetAsync(screen.Scope, !screen.Wall, ct, asked);
                    }
                }
            }
            await response.Body.FlushAsync(ct);
        }
    }

    private async Task<RoomSnapshot> LaterAsync(Screen screen, long atLeast, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(options.Value.SnapshotIntervalMilliseconds * 5L), ct);
        return await snapshots.GetAsync(screen.Scope, !screen.Wall, ct, atLeast);
    }

    internal static string Hello(long latest, int retryMilliseconds) =>
        $"retry: {retryMilliseconds.ToString(CultureInfo.InvariantCulture)}\n" + Event("hello", JsonSerializer.Serialize(new { seq = latest }), latest);

    internal static string Of(SupervisionSignal signal) => signal.IsResync
        ? Event("resync", "{}")
        : Event("change", JsonSerializer.Serialize(new { seq = signal.Seq, kind = signal.Kind }), signal.Seq);

    /// <summary>A live part: HTML, one <c>data:</c> line per line (the browser joins them with line feeds).</summary>
    internal static string Live(string html)
    {
        var lines = html.ReplaceLineEndings("\n").Split('\n');
        return "event: live\n" + string.Concat(lines.Select(line => $"data: {line}\n")) + "\n";
    }

    /// <summary>One event; <paramref name="data"/> is JSON, so on one line.</summary>
    private static string Event(string type, string data, long? id = null) =>
        (id is { } value ? $"id: {value.ToString(CultureInfo.InvariantCulture)}\n" : "") + $"event: {type}\ndata: {data}\n\n";
}
