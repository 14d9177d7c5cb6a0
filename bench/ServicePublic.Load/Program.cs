using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using ServicePublic.Load;
using ServicePublic.TestSupport;

// The supervision benchmarks of issue 11 against a running portal (bench/supervision.sh starts it as
// production runs it, on the database of bench/run.sh generate). Exit code: 0 when every target is
// met, 2 when a measurement missed its target, 64 for a wrong command line.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (LoadOptions.Parse(args) is not { } options)
{
    return 64;
}
await using var db = options.Database is { } connectionString ? NpgsqlDataSource.Create(connectionString) : null;
var bench = new Measurements(options.Url, db, options.Ministry);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
// pages --cookie "a=b; c=d": every browser sends these cookies (bench/pages.sh, when wrk is missing, for signed-in pages).
Sessions.Cookies = options.Get("cookie", "");

if (options.Command != "signin")
{
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; load average {LoadAverage()} (the machine may be shared: portal, PostgreSQL and this load generator run on it)");
    Console.WriteLine($"Portal:  {options.Url}");
    if (db is not null)
    {
        Console.WriteLine($"Data:    {await DatabaseSummaryAsync(db, ct)}");
    }
}

var viewers = options.Int("viewers", 20);
var warmUp = options.Seconds("warmup", 5);
var duration = options.Seconds("seconds", 30);
var streams = options.Int("streams", 20);
var changes = options.Int("changes", 100);
var interval = TimeSpan.FromMilliseconds(options.Int("interval-ms", 250));
var walls = options.Int("walls", 50);
var rate = options.Double("rate", 2);
var concurrency = options.Int("concurrency", 8);
var rounds = options.Int("rounds", 2);

switch (options.Command)
{
    case "signin":
        // One account signed in through the real pages; prints its id and the cookies to send (bench/pages.sh passes them to wrk).
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var citizen = options.As == "citizen";
        var account = citizen
            ? await Sessions.EnsureCitizenAsync(db ?? throw new InvalidOperationException("--db is needed."), options.Int("requests", 25), password, ct)
            : (await Sessions.EnsureStaffAsync(db ?? throw new InvalidOperationException("--db is needed."), "Agent", options.Ministry, 1, 1, password, ct))[0];
        var browser = Sessions.NewBrowser(options.Url);
        if (citizen)
        {
            var response = await browser.SignInAsync(account.Email, password);
            if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                Console.Error.WriteLine($"The citizen's sign-in was refused: {(int)response.StatusCode}");
                return 2;
            }
        }
        else
        {
            await browser.SignInWithTotpAsync(account.Email, password, account.AuthenticatorKey);
        }
        await using (var command = db.CreateCommand("""SELECT id FROM "AspNetUsers" WHERE normalized_email = upper($1)"""))
        {
            command.Parameters.AddWithValue(account.Email);
            Console.WriteLine($"{await command.ExecuteScalarAsync(ct)}\t{Sessions.CookieHeader(browser, options.Url)}");
        }
        return 0;

    case "mixed":
        var weights = options.Get("weights", "6:3:1").Split(':').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var mixed = new MixedLoad(options.Url, db ?? throw new InvalidOperationException("--db is needed: the benchmark's accounts are made in the database."), new MixedLoad.Settings(
            options.Int("users", 200), duration, warmUp, options.Seconds("think-min", 1), options.Seconds("think-max", 3),
            weights[0], weights[1], weights[2], options.Get("procedure", "carte-importateur"), options.Get("clerk-ministry", "MCIC"), options.Int("seed", 13)));
        return await mixed.RunAsync(ct);

    case "pages":
        await bench.PagesAsync(options.As, viewers, options.Paths, warmUp, duration, ct);
        return 0;
    case "live":
        var live = await bench.LiveAsync(options.As, options.Page ?? Measurements.Room, streams, changes, interval, ct);
        return LiveMet(live) ? 0 : 2;
    case "walls":
        var wallPhases = await bench.WallsAsync(options.Page ?? Measurements.Wall, walls, rate, concurrency,
            options.Paths.Count > 0 ? options.Paths : await bench.CitizenPathsAsync(ct), duration, rounds, ct);
        Console.WriteLine($"citizen pages p95 with 0 → {walls} wall screens: {P95Of(wallPhases, 0):N1} → {P95Of(wallPhases, walls):N1} ({Ratio(wallPhases):+0.0%;-0.0%}), target ≤ +10 %");
        return Ratio(wallPhases) <= 0.10 ? 0 : 2;
}

// supervision: everything, then the summary.
Console.WriteLine();
Console.WriteLine($"(a) Room and statistics, {viewers} concurrent viewers each, {duration.TotalSeconds:0} s after {warmUp.TotalSeconds:0} s of warm-up");
var room = await bench.PagesAsync("supervisor", viewers, [Measurements.Room], warmUp, duration, ct);
var nation = await bench.PagesAsync("admin", viewers, [Measurements.Room], warmUp, duration, ct);
var statistics = await bench.PagesAsync("anonymous", viewers, [Measurements.Statistics], warmUp, duration, ct);

Console.WriteLine();
Console.WriteLine($"(b) Live: {streams} room screens, {changes} state changes committed one per transaction every {interval.TotalMilliseconds:0} ms");
var liveResult = await bench.LiveAsync("supervisor", Measurements.Room, streams, changes, interval, ct);

Console.WriteLine();
Console.WriteLine($"(c) Citizen pages at concurrency {concurrency}, {duration.TotalSeconds:0} s per phase, {rate} changes/s in {options.Ministry}; 0 then {walls} wall screens of {options.Ministry}, {rounds} round(s)");
var phases = await bench.WallsAsync(Measurements.Wall, walls, rate, concurrency, await bench.CitizenPathsAsync(ct), duration, rounds, ct);

var roomP95 = room.All.Summarize(room.Wall).P95;
var nationP95 = nation.All.Summarize(nation.Wall).P95;
var statisticsP95 = statistics.All.Summarize(statistics.Wall).P95;
var ratio = Ratio(phases);
var p95Without = P95Of(phases, 0);
var p95With = P95Of(phases, walls);
var errors = room.All.Errors + nation.All.Errors + statistics.All.Errors;
Console.WriteLine();
Console.WriteLine("Summary (latencies in ms)");
Console.WriteLine("| measure | result | target | met |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| `/supervision`, supervisor ({options.Ministry}), {viewers} viewers: p50 / p95 / p99 | {Triple(room)} | p95 ≤ 200 | {Met(roomP95 <= 200 && room.All.Errors == 0)} |");
Console.WriteLine($"| `/supervision`, administrator (nation), {viewers} viewers: p50 / p95 / p99 | {Triple(nation)} | p95 ≤ 200 | {Met(nationP95 <= 200 && nation.All.Errors == 0)} |");
Console.WriteLine($"| `/statistiques`, {viewers} viewers: p50 / p95 / p99 | {Triple(statistics)} | p95 ≤ 200 | {Met(statisticsP95 <= 200 && statistics.All.Errors == 0)} |");
Console.WriteLine($"| commit → event, {liveResult.Screens} screens × {liveResult.Changes} changes: p50 / p95 / max ({liveResult.Received}/{liveResult.Expected} received) | {liveResult.P50:N0} / {liveResult.P95:N0} / {liveResult.Max:N0} | ≤ 2 000 | {Met(liveResult.Max <= 2000 && liveResult.Received == liveResult.Expected)} |");
Console.WriteLine($"| commit → on screen (live part including it), same: p50 / p95 / max ({liveResult.Shown.Count}/{liveResult.Expected} shown) | {liveResult.Shown.P50:N0} / {liveResult.Shown.P95:N0} / {liveResult.Shown.Max:N0} | ≤ 2 000 | {Met(liveResult.Shown.Max <= 2000 && liveResult.Shown.Count == liveResult.Expected)} |");
Console.WriteLine($"| citizen pages p95 with 0 → {walls} wall screens | {p95Without:N1} → {p95With:N1} ({ratio:+0.0%;-0.0%}) | ≤ +10 % | {Met(ratio <= 0.10)} |");
var allMet = roomP95 <= 200 && nationP95 <= 200 && statisticsP95 <= 200 && errors == 0
    && LiveMet(liveResult) && ratio <= 0.10;
return allMet ? 0 : 2;

static string Triple(PageLoad.Result r)
{
    var s = r.All.Summarize(r.Wall);
    return $"{s.P50:N0} / {s.P95:N0} / {s.P99:N0}{(s.Errors > 0 ? $" ({s.Errors} errors: {s.Outcomes})" : "")}";
}

static string Met(bool met) => met ? "yes" : "**no**";

// Every change heard of by every screen, and shown, within 2 s of its commit.
static bool LiveMet(Measurements.LiveResult live) =>
    live.Received == live.Expected && live.Max <= 2000 && live.Shown.Count == live.Expected && live.Shown.Max <= 2000;

// The citizen pages' p95 over every round with that many walls open.
static double P95Of(IReadOnlyList<Measurements.WallPhase> phases, int walls)
{
    var all = new Latencies();
    foreach (var phase in phases.Where(p => p.Walls == walls))
    {
        foreach (var latencies in phase.Citizens.ByLabel.Values)
        {
            latencies.CopyTo(all);
        }
    }
    return all.Summarize(TimeSpan.FromSeconds(1)).P95;
}

static double Ratio(IReadOnlyList<Measurements.WallPhase> phases)
{
    var most = phases.Max(p => p.Walls);
    return P95Of(phases, most) / P95Of(phases, 0) - 1;
}

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

static async Task<string> DatabaseSummaryAsync(NpgsqlDataSource db, CancellationToken ct)
{
    await using var command = db.CreateCommand("""
        SELECT format('%s requests (estimate), %s open, database %s; %s', to_char((SELECT reltuples FROM pg_class WHERE oid = 'requests'::regclass), 'FM999G999G999'),
            (SELECT count(*) FROM requests WHERE status IN ('AwaitingPayment', 'Submitted', 'InReview', 'AwaitingApplicant')),
            pg_size_pretty(pg_database_size(current_database())), split_part(version(), ',', 1))
        """);
    return (string)(await command.ExecuteScalarAsync(ct))!;
}
