using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Npgsql;
using ServicePublic.Bench;
using ServicePublic.TestSupport;

// The callback storm: N pending payments, their "paid" callbacks sent 1..K times each (plus stale
// "pending" ones), shuffled and fired by C concurrent clients at the portal's sandbox endpoint;
// then the database must show each payment applied exactly once. Exit code 1 when it does not,
// 2 when it does but some callbacks got no 200.
// WebApplicationFactory finds the portal's content root through MvcTestingAppManifest.json in the
// current directory: the output folder, whoever starts the program from wherever.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (BenchOptions.Parse(args) is not { } options)
{
    return 64;
}

var database = await TestDatabase.CreateAsync("sp_bench");
if (options.PoolSize is { } poolSize)
{
    database = new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = poolSize }.ConnectionString;
}
await using var portal = new PortalFactory(database, kestrel: true, settings: new Dictionary<string, string>
{
    ["Payments:ReconciliationEnabled"] = "false",
    ["Payments:Sandbox:Enabled"] = "true",
    ["Serilog:MinimumLevel:Default"] = "Warning",
    // The sandbox's own sender of callbacks has nothing to send here: it need not poll every 100 ms.
    ["Payments:Sandbox:PollMilliseconds"] = "60000",
});
Console.WriteLine("Callback storm — ServicePublic sandbox notifications");
Console.WriteLine($"Machine:  {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; load average {LoadAverage()} at start (the machine may be shared)");
Console.WriteLine($"Database: {await PostgresSummaryAsync(database)}; Npgsql pool {new NpgsqlConnectionStringBuilder(database).MaxPoolSize} connections");
Console.WriteLine($"Settings: --payments {options.Payments} --clients {options.Clients} --max-copies {options.MaxCopies} --seed {options.Seed} --max-seconds {options.MaxSeconds}{(options.PoolSize is { } p ? $" --pool-size {p}" : "")}; "
    + $"{options.StalePendings} stale \"pending\" callbacks; portal, PostgreSQL and clients on this one machine");

var stopwatch = Stopwatch.StartNew();
portal.Start();
Console.WriteLine($"Portal on {portal.RootUri} (migrated and seeded in {stopwatch.Elapsed.TotalSeconds:0.0}s)");

stopwatch.Restart();
var prepared = await Fixtures.PrepareAsync(portal, options.Payments);
Console.WriteLine($"Prepared {options.Payments:N0} requests awaiting payment, each with a pending sandbox payment of {Fixtures.Fee:N0} XOF, in {stopwatch.Elapsed.TotalSeconds:0.0}s");

var bodies = Storm.Callbacks(prepared.PaymentIds, Fixtures.Fee, options.MaxCopies, options.StalePendings, new Random(options.Seed));
Console.WriteLine($"Firing {bodies.Count:N0} callbacks from {options.Clients} clients…");
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var results = await Storm.FireAsync(portal.RootUri, PortalFactory.SandboxSecret, bodies, options.Clients, TimeSpan.FromSeconds(options.MaxSeconds));

var latencies = results.LatenciesMs.Where((_, i) => results.Statuses[i] != Storm.NotSent).Order().ToArray();
double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Length) - 1, 0, latencies.Length - 1)];
Console.WriteLine();
Console.WriteLine("Results");
Console.WriteLine($"  callbacks        {bodies.Count:N0} ({results.Sent:N0} sent) for {options.Payments:N0} payments");
Console.WriteLine($"  wall time        {results.Wall.TotalSeconds:0.0}s");
Console.WriteLine($"  throughput       {results.Sent / results.Wall.TotalSeconds:0} callbacks/s");
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
Console.WriteLine($"  CPU              this process (portal + clients) {cpu.TotalSeconds:0.0}s = {cpu / results.Wall:0.00} cores on average; PostgreSQL runs apart; load average {LoadAverage()} at the end");
Console.WriteLine($"  latency (ms)     p50 {Percentile(50):0.0}, p95 {Percentile(95):0.0}, p99 {Percentile(99):0.0}, max {Percentile(100):0.0}");
Console.WriteLine("  status codes     " + string.Join(", ", results.Statuses.GroupBy(s => s).OrderBy(g => g.Key)
    .Select(g => $"{g.Key switch { Storm.TransportError => "no answer", Storm.NotSent => "not sent", _ => g.Key.ToString(CultureInfo.InvariantCulture) }}: {g.Count():N0}")));
foreach (var (error, count) in results.Errors)
{
    Console.WriteLine($"    {error}: {count:N0}");
}
var outcomes = await ExactlyOnce.CallbackOutcomesAsync(database);
Console.WriteLine("  stored callbacks " + string.Join(", ", outcomes.Select(o => $"{o.Outcome}: {o.Count:N0}")));
if (outcomes.FirstOrDefault(o => o.Outcome == "Reçu") is { Count: > 0 } unprocessed)
{
    Console.WriteLine($"    {unprocessed.Count:N0} callbacks still say \"Reçu\": stored, then their processing threw (the portal's errors are logged above).");
}

Console.WriteLine();
Console.WriteLine("Exactly-once check");
var lines = await ExactlyOnce.CheckAsync(database, options.Payments, prepared.Applicant.Email!, prepared.Applicant.EmailConfirmed);
foreach (var line in lines)
{
    Console.WriteLine($"  {(line.Ok ? "ok  " : "FAIL")} {line.What,-42} {line.Found,8:N0}  (expected {line.Expected})");
}
var exactlyOnce = lines.All(l => l.Ok);
var all200 = results.Statuses.All(s => s == 200);
Console.WriteLine(exactlyOnce ? "  PASSED: every payment applied exactly once." : "  FAILED: see the lines marked FAIL.");
if (!all200)
{
    Console.WriteLine("  Some callbacks were not answered 200 (see the status codes): a real provider would retry them.");
}
return exactlyOnce ? all200 ? 0 : 2 : 1;

static string CpuModel()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }
    catch (IOException)
    {
        return "unknown CPU";
    }
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

static async Task<string> PostgresSummaryAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        "SELECT current_setting('server_version'), current_setting('max_connections'), current_setting('fsync'), current_setting('synchronous_commit')", connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return $"PostgreSQL {reader.GetString(0)}, max_connections {reader.GetString(1)}, fsync {reader.GetString(2)}, synchronous_commit {reader.GetString(3)}";
}
