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
    /// How long a query waits to open a connection, or for a free one in the pool, before the
    /// visitor is told the service is unavailable (seconds; the portal's default is 1, Npgsql's 15).
    /// </summary>
    public int ConnectTimeoutSeconds { get; set; } = 1;
}
