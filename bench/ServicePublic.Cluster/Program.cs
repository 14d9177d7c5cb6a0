using System.Globalization;
using Npgsql;
using ServicePublic.Cluster;

// The two-node checks of bench/run.sh cluster (bench/cluster.sh starts PostgreSQL, two portal
// instances, nginx in front, and this program):
//   ServicePublic.Cluster --a URL --b URL --proxy URL --db CONNECTION --providers-port PORT [--messages N] [--payments N]
// --db is a connection that may write any row (the benchmark's superuser); --providers-port is
// where the nodes were told their SMS gateway and PayGate are (Sms:Http:Url, Payments:PayGate:BaseUrl).
// One PASS, FAIL or SKIP line per check. Exit code: 0 when none failed, 1 when one did, 64 for a wrong command line.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
string[] required = ["a", "b", "proxy", "db", "providers-port"];
if (args.Length % 2 != 0 || required.Any(key => !options.ContainsKey(key)))
{
    Console.Error.WriteLine("Usage: ServicePublic.Cluster --a URL --b URL --proxy URL --db CONNECTION --providers-port PORT [--messages N] [--payments N]");
    return 64;
}
var messages = int.Parse(options.GetValueOrDefault("messages", "60"), CultureInfo.InvariantCulture);
var payments = int.Parse(options.GetValueOrDefault("payments", "60"), CultureInfo.InvariantCulture);

await using var db = NpgsqlDataSource.Create(options["db"]);
await using var providers = await FakeProviders.StartAsync(int.Parse(options["providers-port"], CultureInfo.InvariantCulture));
var checks = new ClusterChecks(new Uri(options["a"]), new Uri(options["b"]), new Uri(options["proxy"]), new ClusterData(db, options["db"]), providers);

Console.WriteLine($"Node A {options["a"]}, node B {options["b"]}, nginx {options["proxy"]}; SMS gateway and PayGate played on port {options["providers-port"]}");
Console.WriteLine();
// Each check on its own: one that throws is a FAIL, and the others still run.
(string Name, Func<Task<Verdict>> Run)[] all =
[
    ("1 session across nodes", checks.SessionAsync),
    ("2a outbox", () => checks.OutboxAsync(messages)),
    ("2b reconciliation", () => checks.ReconciliationAsync(payments)),
    ("3 supervision on B sees an action on A", checks.LiveAsync),
    ("4 per-account limit across nodes", checks.IdentifierLimitAsync),
    ("5 cache eviction", checks.CacheEvictionAsync),
    ("6 one file store", checks.FileStoreAsync),
];
var failed = 0;
foreach (var (name, check) in all)
{
    try
    {
        if (await check() == Verdict.Fail)
        {
            failed++;
        }
    }
    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or NpgsqlException or TaskCanceledException or IOException)
    {
        failed++;
        Console.WriteLine($"FAIL  {name}: {e.GetType().Name}: {e.Message}");
    }
}
Console.WriteLine();
Console.WriteLine(failed == 0
    ? $"All checks passed ({checks.Results.Count(r => r.Verdict == Verdict.Skip)} skipped)."
    : $"{failed} check(s) failed.");
return failed == 0 ? 0 : 1;
