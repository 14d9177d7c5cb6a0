using System.Globalization;
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
/// <item><c>change</c> for each state change in the screen's scope: its number (also the event id) and kind, never a name;</item>
/// <item><c>resync</c> when this node's listener reconnected (notifications sent meanwhile are lost: read a fresh snapshot);</item>
/// <item><c>ping</c> every <see cref="LiveOptions.HeartbeatSeconds"/>: a named event rather than an SSE comment,
/// because a page never sees comments and must tell a quiet stream from a dead one;</item>
/// <item><c>bye</c> when the server ends the stream (its time is up, the portal stops): the page reconnects at once.</item>
/// </list>
/// No replay: a reconnecting page (its Last-Event-ID notwithstanding) reads a fresh snapshot, which
/// is exact. After the hello nothing touches the database: an idle stream costs a timer.
/// </summary>
public sealed class LiveStream(SupervisionSignals signals, AppDbContext db, IOptions<LiveOptions> options, IHostApplicationLifetime lifetime)
{
    public const string ContentType = "text/event-stream";

    public async Task RunAsync(HttpContext context, RoomScope scope)
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
            await PumpAsync(subscription.Reader, heartbeat, scope, response, ending.Token);
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

    /// <summary>Waits for signals and heartbeats together, on one task, so writes never overlap.</summary>
    private static async Task PumpAsync(ChannelReader<SupervisionSignal> reader, PeriodicTimer heartbeat, RoomScope scope, HttpResponse response, CancellationToken ct)
    {
        Task<bool>? signal = null;
        Task<bool>? tick = null;
        while (true)
        {
            signal ??= reader.WaitToReadAsync(ct).AsTask();
            tick ??= heartbeat.WaitForNextTickAsync(ct).AsTask();
            var first = await Task.WhenAny(signal, tick);
            if (!await first)
            {
                return;
            }
            if (first == tick)
            {
                tick = null;
                await response.WriteAsync(Event("ping", "{}"), ct);
            }
            else
            {
                signal = null;
                while (reader.TryRead(out var next))
                {
                    if (scope.Includes(next))
                    {
                        await response.WriteAsync(Of(next), ct);
                    }
                }
            }
            await response.Body.FlushAsync(ct);
        }
    }

    internal static string Hello(long latest, int retryMilliseconds) =>
        $"retry: {retryMilliseconds.ToString(CultureInfo.InvariantCulture)}\n" + Event("hello", JsonSerializer.Serialize(new { seq = latest }), latest);

    internal static string Of(SupervisionSignal signal) => signal.IsResync
        ? Event("resync", "{}")
        : Event("change", JsonSerializer.Serialize(new { seq = signal.Seq, kind = signal.Kind }), signal.Seq);

    /// <summary>One event; <paramref name="data"/> is JSON, so on one line.</summary>
    private static string Event(string type, string data, long? id = null) =>
        (id is { } value ? $"id: {value.ToString(CultureInfo.InvariantCulture)}\n" : "") + $"event: {type}\ndata: {data}\n\n";
}
