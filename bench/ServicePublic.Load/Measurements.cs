using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using ServicePublic.Web.Features.Catalogue;

namespace ServicePublic.Load;

/// <summary>
/// The three measurements of issue 11 on a running portal and its database: page latency at a
/// concurrency, commit → screen latency, and what open wall screens cost citizen pages.
/// </summary>
public sealed class Measurements(Uri portal, NpgsqlDataSource? db, string ministry)
{
    // The pages agreed between the helpers of issue 11 (SupervisionPaths, StatisticsPaths).
    public const string Room = "/supervision";
    public const string Wall = "/supervision/mur";
    public const string Stream = "/supervision/flux";
    public const string Statistics = "/statistiques";

    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly Dictionary<string, List<HttpClient>> _signedIn = new(StringComparer.Ordinal);

    private NpgsqlDataSource Db => db ?? throw new InvalidOperationException("--db is needed: staff accounts and state changes are made in the database.");

    /// <summary><paramref name="count"/> browsers signed in as distinct accounts of <paramref name="role"/> ("anonymous": not signed in).</summary>
    public async Task<IReadOnlyList<HttpClient>> BrowsersAsync(string role, int count, CancellationToken ct)
    {
        if (role == "anonymous")
        {
            return [.. Enumerable.Range(0, count).Select(_ => Sessions.NewBrowser(portal))];
        }
        var key = role is "admin" or "administrator" ? "Administrator" : "Supervisor";
        var signedIn = _signedIn.TryGetValue(key, out var list) ? list : _signedIn[key] = [];
        if (signedIn.Count < count)
        {
            var started = Stopwatch.GetTimestamp();
            // New accounts only: resetting one would end its session (its security stamp changes).
            var accounts = await Sessions.EnsureStaffAsync(Db, key, key == "Supervisor" ? ministry : null, signedIn.Count + 1, count, _password, ct);
            signedIn.AddRange(await Sessions.SignInAllAsync(portal, accounts, _password, Timeout.InfiniteTimeSpan));
            Console.WriteLine($"  {count} {key.ToLowerInvariant()} account(s) ready and signed in (password, then authenticator code) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        }
        return signedIn.Take(count).ToList();
    }

    /// <summary>(a) Closed-loop load of <paramref name="paths"/> by <paramref name="viewers"/> browsers of <paramref name="role"/>.</summary>
    public async Task<PageLoad.Result> PagesAsync(string role, int viewers, IReadOnlyList<string> paths, TimeSpan warmUp, TimeSpan duration, CancellationToken ct)
    {
        var browsers = await BrowsersAsync(role, viewers, ct);
        var result = await PageLoad.RunAsync(browsers, i => paths[i % paths.Count], path => path, warmUp, duration, ct);
        foreach (var (label, latencies) in result.ByLabel.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {label,-28} {viewers,3} {role,-10} {latencies.Summarize(result.Wall)}");
        }
        return result;
    }

    public sealed record LiveResult(int Screens, int Changes, int Expected, int Received, double P50, double P95, double Max, Delays Shown);

    /// <summary>How many (change, screen) pairs got there, and how long they took.</summary>
    public sealed record Delays(int Count, double P50, double P95, double Max)
    {
        public static Delays Of(IEnumerable<double> milliseconds)
        {
            var sorted = milliseconds.Order().ToArray();
            return new Delays(sorted.Length, Latencies.Percentile(sorted, 50), Latencies.Percentile(sorted, 95), sorted.Length == 0 ? double.NaN : sorted[^1]);
        }
    }

    /// <summary>
    /// (b) <paramref name="streams"/> screens of <paramref name="page"/> listening; <paramref name="changes"/> state
    /// changes committed one by one; for each change and screen, the time from just before its COMMIT to its event,
    /// and to the first live part that includes it (what the screen shows).
    /// </summary>
    public async Task<LiveResult> LiveAsync(string role, string page, int streams, int changes, TimeSpan interval, CancellationToken ct)
    {
        var browsers = await BrowsersAsync(role, streams, ct);
        // In the supervisors' ministry: inside an administrator's nation-wide scope too.
        var committer = await Changes.PrepareAsync(Db, ministry, ct);
        var screens = browsers.Select(b => new Screen(b, page, StreamOf(page))).ToList();
        await Task.WhenAll(screens.Select(s => s.OpenAsync(ct)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var listening = screens.Select(s => s.RunAsync(stop.Token)).ToList();
        await WaitConnectedAsync(screens, ct);
        Console.WriteLine($"  {screens.Count(s => s.Connections > 0)}/{screens.Count} screens connected to {screens[0].StreamUrl}");
        await committer.RunAsync(1 / interval.TotalSeconds, changes, ct);
        // Stragglers: anything later than this is lost.
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (Stopwatch.GetTimestamp() < deadline && screens.Any(s => committer.CommittedAt.Keys.Any(seq => !s.ReceivedAt.ContainsKey(seq) || !s.ShownAt.ContainsKey(seq))))
        {
            await Task.Delay(100, ct);
        }
        await stop.CancelAsync();
        await Task.WhenAll(listening);
        var delays = Delays.Of(from s in screens
                               from c in committer.CommittedAt
                               where s.ReceivedAt.ContainsKey(c.Key)
                               select Stopwatch.GetElapsedTime(c.Value, s.ReceivedAt[c.Key]).TotalMilliseconds);
        var shown = Delays.Of(from s in screens
                              from c in committer.CommittedAt
                              where s.ShownAt.ContainsKey(c.Key)
                              select Stopwatch.GetElapsedTime(c.Value, s.ShownAt[c.Key]).TotalMilliseconds);
        var result = new LiveResult(screens.Count, committer.CommittedAt.Count, screens.Count * committer.CommittedAt.Count, delays.Count,
            delays.P50, delays.P95, delays.Max, shown);
        Console.WriteLine($"  {result.Changes} changes × {result.Screens} screens: {result.Received}/{result.Expected} events received; "
            + $"commit → event p50 {result.P50:N0} ms, p95 {result.P95:N0} ms, max {result.Max:N0} ms");
        Console.WriteLine($"  {shown.Count}/{result.Expected} shown in a live part; commit → shown p50 {shown.P50:N0} ms, p95 {shown.P95:N0} ms, max {shown.Max:N0} ms");
        ReportProblems(screens, "  ");
        return result;
    }

    public sealed record WallPhase(int Walls, PageLoad.Result Citizens, long LiveParts, long LiveCharacters, int Changes);

    /// <summary>
    /// (c) Citizen pages at <paramref name="concurrency"/> while changes are committed at <paramref name="rate"/> a
    /// second, with no wall screen open, then with <paramref name="walls"/> open, <paramref name="rounds"/> times
    /// in turn, the other way round every other round (the machine is shared: alternating spreads its drift over both).
    /// </summary>
    public async Task<IReadOnlyList<WallPhase>> WallsAsync(
        string page, int walls, double rate, int concurrency, IReadOnlyList<string> citizenPaths, TimeSpan duration, int rounds, CancellationToken ct)
    {
        var citizens = await BrowsersAsync("anonymous", concurrency, ct);
        var wallBrowsers = await BrowsersAsync("supervisor", walls, ct);
        var committer = await Changes.PrepareAsync(Db, ministry, ct);
        var phases = new List<WallPhase>();
        for (var round = 0; round < rounds; round++)
        {
            // A B B A: the machine's drift (warming up, other work) weighs on both sides alike.
            foreach (var open in round % 2 == 0 ? new[] { 0, walls } : new[] { walls, 0 })
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var screens = wallBrowsers.Take(open).Select(b => new Screen(b, page, StreamOf(page))).ToList();
                await Task.WhenAll(screens.Select(s => s.OpenAsync(ct)));
                var listening = screens.Select(s => s.RunAsync(stop.Token)).ToList();
                await WaitConnectedAsync(screens, ct);
                var before = committer.CommittedAt.Count;
                var partsBefore = screens.Sum(s => s.LiveParts.Count);
                var charactersBefore = screens.Sum(s => s.LiveParts.Characters);
                var changing = committer.RunAsync(rate, int.MaxValue, stop.Token);
                var result = await PageLoad.RunAsync(citizens, i => citizenPaths[i % citizenPaths.Count], Label, TimeSpan.FromSeconds(3), duration, ct);
                await stop.CancelAsync();
                await changing;
                await Task.WhenAll(listening);
                var phase = new WallPhase(open, result, screens.Sum(s => s.LiveParts.Count) - partsBefore,
                    screens.Sum(s => s.LiveParts.Characters) - charactersBefore, committer.CommittedAt.Count - before);
                phases.Add(phase);
                Console.WriteLine($"  round {round + 1}, {open,2} wall screens ({screens.Count(s => s.Connections > 0)} connected), {phase.Changes} changes:");
                foreach (var (label, latencies) in result.ByLabel.OrderBy(l => l.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"    {label,-20} {latencies.Summarize(result.Wall)}");
                }
                if (open > 0)
                {
                    Console.WriteLine($"    live parts pushed    {phase.LiveParts:N0} ({phase.LiveParts / result.Wall.TotalSeconds:N1}/s, {phase.LiveCharacters / Math.Max(phase.LiveParts, 1):N0} characters each)");
                    ReportProblems(screens, "    ");
                }
            }
        }
        return phases;
    }

    /// <summary>The catalogue list and the pages of the most requested procedures that can be filed online.</summary>
    public async Task<IReadOnlyList<string>> CitizenPathsAsync(CancellationToken ct)
    {
        var paths = new List<string>();
        await using var command = Db.CreateCommand("SELECT slug FROM procedures WHERE is_online AND status = 'Active' ORDER BY popularity DESC, slug LIMIT 20");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            paths.Add(CataloguePaths.Procedures);
            paths.Add(CataloguePaths.Procedure(reader.GetString(0)));
        }
        return paths;
    }

    /// <summary>The stream of a screen whose page has no #live element (yet): the stream with the page's scope query.</summary>
    private static string StreamOf(string page) =>
        Stream + (page.IndexOf('?', StringComparison.Ordinal) is var query and >= 0 ? page[query..] : "");

    /// <summary>"/demarches/passeport" → "/demarches/{slug}".</summary>
    public static string Label(string path) =>
        path.StartsWith(CataloguePaths.Procedures + "/", StringComparison.Ordinal) ? CataloguePaths.Procedures + "/{slug}" : path;

    private static void ReportProblems(IEnumerable<Screen> screens, string indent)
    {
        foreach (var problem in screens.SelectMany(s => new[] { s.PageProblem, s.Failure }).OfType<string>().Distinct().Take(5))
        {
            Console.WriteLine($"{indent}screen problem: {problem}");
        }
    }

    private static async Task WaitConnectedAsync(IReadOnlyList<Screen> screens, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (Stopwatch.GetTimestamp() < deadline && screens.Any(s => s.Connections == 0 && s.StreamUrl is not null && s.Failure is null))
        {
            await Task.Delay(100, ct);
        }
        // Let the first live parts (one per connection) go by.
        await Task.Delay(1000, ct);
    }
}
