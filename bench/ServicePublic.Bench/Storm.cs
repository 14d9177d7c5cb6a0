using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.Bench;

/// <summary>
/// The storm: for each payment a "paid" callback sent 1 to K times (a provider retrying), a few
/// stale "pending" ones, all shuffled, then posted by C concurrent clients, each signed when sent.
/// </summary>
public static class Storm
{
    /// <summary>A status code that stands for a transport error (no answer), and one for a call not made before the deadline.</summary>
    public const int TransportError = -1;
    public const int NotSent = 0;

    public sealed record Results(int[] Statuses, double[] LatenciesMs, TimeSpan Wall, int Sent, Dictionary<string, int> Errors);

    public static List<string> Callbacks(IReadOnlyList<Guid> paymentIds, long amount, int maxCopies, int stalePendings, Random random)
    {
        var bodies = new List<string>(paymentIds.Count * (maxCopies + 1) / 2 + stalePendings);
        var transactions = new Dictionary<Guid, string>(paymentIds.Count);
        foreach (var id in paymentIds)
        {
            var transaction = "SBX-" + Convert.ToHexString(RandomBytes(random, 6));
            transactions[id] = transaction;
            // Copies are the same event, byte for byte, as a provider's retries are.
            var body = Body(id, transaction, "paid", amount, random);
            var copies = random.Next(1, maxCopies + 1);
            for (var c = 0; c < copies; c++)
            {
                bodies.Add(body);
            }
        }
        for (var s = 0; s < stalePendings; s++)
        {
            var id = paymentIds[random.Next(paymentIds.Count)];
            bodies.Add(Body(id, transactions[id], "pending", amount, random));
        }
        var shuffled = bodies.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    private static string Body(Guid paymentId, string transaction, string status, long amount, Random random) =>
        JsonSerializer.Serialize(new SandboxCallback(new Guid(RandomBytes(random, 16)), transaction, paymentId, status, amount, "XOF"));

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    public static async Task<Results> FireAsync(Uri root, string secret, IReadOnlyList<string> bodies, int clients, TimeSpan limit)
    {
        var url = new Uri(root, "/api/paiements/sandbox/notification");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var statuses = new int[bodies.Count];
        var latencies = new double[bodies.Count];
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        var done = 0;
        using var deadline = new CancellationTokenSource(limit);
        var clock = Stopwatch.StartNew();

        async Task Client()
        {
            while (!deadline.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= bodies.Count)
                {
                    return;
                }
                var body = bodies[i];
                using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                message.Headers.TryAddWithoutValidation(SandboxSignature.Header, SandboxSignature.Sign(secret, body, DateTimeOffset.UtcNow));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(message, deadline.Token);
                    statuses[i] = (int)response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !deadline.IsCancellationRequested)
                {
                    statuses[i] = TransportError;
                    lock (errors)
                    {
                        errors[ex.GetType().Name] = errors.GetValueOrDefault(ex.GetType().Name) + 1;
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    return;
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Increment(ref done);
            }
        }

        using var progress = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            var last = 0;
            while (!progress.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), progress.Token).ContinueWith(_ => { }, CancellationToken.None);
                var now = Volatile.Read(ref done);
                Console.WriteLine($"  … {now:N0}/{bodies.Count:N0} callbacks after {clock.Elapsed.TotalSeconds:0}s ({(now - last) / 10.0:0}/s over the last 10 s)");
                last = now;
            }
        });
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client)));
        clock.Stop();
        await progress.CancelAsync();
        await reporter;
        if (deadline.IsCancellationRequested)
        {
            Console.WriteLine($"  Stopped at the time limit ({limit.TotalSeconds:0}s): the remaining callbacks were not sent.");
        }
        return new Results(statuses, latencies, clock.Elapsed, done, errors);
    }
}
