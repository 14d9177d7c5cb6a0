namespace ServicePublic.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations at start-up (development, run.sh, tests).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Seed the procedure catalogue at start-up (idempotent).</summary>
    public bool SeedCatalogue { get; set; }

    /// <summary>Create the demo accounts and demo programmes at start-up (idempotent; never in Production; accounts need Demo:Password).</summary>
    public bool SeedDemoAccounts { get; set; }

    /// <summary>
    /// How long a query may wait for a connection — a free one from a busy pool, or a new one from
    /// a busy server — before the visitor is told the service is unavailable (seconds; Npgsql's
    /// own default). A database that cannot be reached at all is told much sooner:
    /// see <see cref="ConnectTimeoutSeconds"/>.
    /// </summary>
    public int ConnectionWaitSeconds { get; set; } = 15;

    /// <summary>
    /// After this long without a connection (seconds), the portal checks that the database's server
    /// answers at all (a TCP connection to it, bounded by the same time); if it does not, the visitor
    /// gets the "service unavailable" page at once instead of waiting <see cref="ConnectionWaitSeconds"/>
    /// (Data/DatabaseReachability.cs).
    /// </summary>
    public int ConnectTimeoutSeconds { get; set; } = 1;
}
