using System.Globalization;

namespace ServicePublic.Bench;

/// <summary>The command line: <c>--payments N --clients C --max-copies K [--seed S] [--max-seconds T] [--pool-size P]</c>.</summary>
public sealed record BenchOptions(int Payments, int Clients, int MaxCopies, int Seed, int MaxSeconds, int? PoolSize)
{
    public const string Usage = "usage: bench/run.sh [--payments N=10000] [--clients C=64] [--max-copies K=5] [--seed S=2026] [--max-seconds T=1800] [--pool-size P (Npgsql's default: 100; docker-compose.yml uses 25)]";

    /// <summary>One stale "pending" callback for every this many payments.</summary>
    public const int PaymentsPerStalePending = 20;

    public int StalePendings => Math.Max(1, Payments / PaymentsPerStalePending);

    /// <summary>The options, or null (with the reason on stderr) when the command line is wrong.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--payments"] = 10_000,
            ["--clients"] = 64,
            ["--max-copies"] = 5,
            ["--seed"] = 2026,
            ["--max-seconds"] = 1800,
            ["--pool-size"] = 0,
        };
        for (var i = 0; i < args.Length; i++)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                Console.Error.WriteLine($"Unexpected argument '{args[i]}' (each option takes a whole number ≥ 1).");
                Console.Error.WriteLine(Usage);
                return null;
            }
            values[args[i]] = value;
            i++;
        }
        return new BenchOptions(values["--payments"], values["--clients"], values["--max-copies"], values["--seed"], values["--max-seconds"],
            values["--pool-size"] == 0 ? null : values["--pool-size"]);
    }
}
