using System.Globalization;

namespace ServicePublic.Load;

/// <summary>The command line: a command, <c>--name value</c> options, and paths.</summary>
public sealed class LoadOptions
{
    public const string Usage = """
        usage: ServicePublic.Load COMMAND --url PORTAL --db CONNECTION-STRING [options] [PATH…]
          supervision  all of the below with the agreed pages, then a summary (bench/run.sh supervision)
          pages        closed-loop page load:   [--as anonymous|supervisor|admin] [--viewers 20] [--seconds 30] [--warmup 5] [--cookie "a=b; c=d"] PATH…
          live         commit → screen latency: [--as supervisor|admin] [--streams 20] [--changes 100] [--interval-ms 250] [--page /supervision]
          walls        citizen pages with 0 then W wall screens open: [--walls 50] [--rate 2] [--concurrency 8] [--seconds 30] [--rounds 2] [--page /supervision/mur] [PATH…]
          mixed        virtual users browsing, filing and paying, deciding (bench/run.sh mixed): [--users 200] [--seconds 600] [--warmup 30]
                       [--think-min 1] [--think-max 3] [--weights 6:3:1 (anonymous:citizen:clerk)] [--procedure carte-importateur] [--clerk-ministry MCIC] [--seed 13]
          signin       one account signed in through the real pages; prints "USER-ID<TAB>COOKIE-HEADER": [--as citizen|clerk] [--requests 25] (bench/pages.sh)
        common: --ministry MDERM (the supervisors' ministry, where changes are committed)
        """;

    private static readonly HashSet<string> Commands = ["supervision", "pages", "live", "walls", "signin", "mixed"];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string Command { get; private init; } = "";
    public List<string> Paths { get; } = [];

    public Uri Url => new(Get("url", "http://127.0.0.1:5080"));
    public string? Database => _values.GetValueOrDefault("db");
    public string Ministry => Get("ministry", "MDERM");
    public string As => Get("as", "supervisor");
    public string? Page => _values.GetValueOrDefault("page");

    public string Get(string name, string fallback) => _values.GetValueOrDefault(name) ?? fallback;

    public int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Double(string name, double fallback) => double.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public TimeSpan Seconds(string name, double fallback) => TimeSpan.FromSeconds(Double(name, fallback));

    /// <summary>The options, or null (with the reason on stderr) when the command line is wrong.</summary>
    public static LoadOptions? Parse(string[] args)
    {
        if (args.Length == 0 || !Commands.Contains(args[0]))
        {
            Console.Error.WriteLine(Usage);
            return null;
        }
        var options = new LoadOptions { Command = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    Console.Error.WriteLine($"{args[i]} needs a value.");
                    Console.Error.WriteLine(Usage);
                    return null;
                }
                options._values[args[i][2..]] = args[++i];
            }
            else
            {
                options.Paths.Add(args[i]);
            }
        }
        return options;
    }
}
