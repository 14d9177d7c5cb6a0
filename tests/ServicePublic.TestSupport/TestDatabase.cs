using System.Security.Cryptography;
using Npgsql;
using ServicePublic.Web.Data.Seeding;

namespace ServicePublic.TestSupport;

/// <summary>
/// A fresh database in the throwaway PostgreSQL cluster that ./test.sh starts (it exports
/// SERVICEPUBLIC_TEST_DB, a connection string to that cluster's superuser). Never the .data/
/// cluster. Every test database belongs to <see cref="OwnerRole"/>, as in production: the
/// connection strings handed out are the owner's, and the portal runs as <see cref="PortalRole"/>
/// (<see cref="PortalFactory"/>).
/// </summary>
public static class TestDatabase
{
    public const string Variable = "SERVICEPUBLIC_TEST_DB";

    /// <summary>Owns the test databases and migrates them (names of their own: a cluster's superuser may be called servicepublic).</summary>
    public const string OwnerRole = "sp_test_owner";

    /// <summary>The portal's runtime role in tests: granted DML by the migrations, owns nothing.</summary>
    public const string PortalRole = "sp_test_portal";

    // Roles belong to the cluster, not to a database: created once, if missing.
    private static readonly Lazy<Task> Roles = new(EnsureRolesAsync);

    // Migrating and seeding 130 procedures takes seconds; copying a database that already has
    // them takes a fraction of one. So the portal migrates and seeds one template per build of
    // the code, and every test database after that is a copy of it.
    private static readonly Lazy<Task<string>> Template = new(EnsureTemplateAsync);

    /// <summary>A fresh database, already migrated and seeded, as the portal leaves it on first start.</summary>
    public static async Task<string> CreateAsync(string prefix) => await CreateFromAsync(prefix, await Template.Value);

    /// <summary>
    /// A fresh empty database, not even migrated: for tests of what the portal does to a new
    /// database (migrating, seeding, creating its data protection keys) rather than of what it
    /// does afterwards.
    /// </summary>
    public static Task<string> CreateEmptyAsync(string prefix) => CreateFromAsync(prefix, template: null);

    /// <summary>The same database as <paramref name="ownerConnectionString"/>, as the portal's runtime role.</summary>
    public static string AsPortal(string ownerConnectionString) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = PortalRole }.ConnectionString;

    private static async Task<string> CreateFromAsync(string prefix, string? template)
    {
        await Roles.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}";
        // A copy keeps the template's owners and grants: they are stored in the database itself.
        await ExecuteAsync($"CREATE DATABASE \"{name}\" OWNER {OwnerRole}" + (template is null ? "" : $" TEMPLATE \"{template}\""));
        return ConnectionTo(name);
    }

    /// <summary>
    /// The owner and the portal's role, with the superuser's password (a throwaway cluster on
    /// loopback). Several test processes may start at once: a lock makes it one at a time.
    /// </summary>
    private static async Task EnsureRolesAsync()
    {
        var password = new NpgsqlConnectionStringBuilder(AdminConnectionString()).Password;
        var login = password is null ? "LOGIN" : $"LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'";
        await ExecuteAsync($$"""
            SELECT pg_advisory_xact_lock(hashtext('sp_test_roles'));
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{OwnerRole}}') THEN
                    CREATE ROLE {{OwnerRole}} {{login}};
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{PortalRole}}') THEN
                    CREATE ROLE {{PortalRole}} {{login}};
                END IF;
            END $$;
            """);
    }

    /// <summary>
    /// Finds or builds the template for this build of the portal. The test projects run one after
    /// another, each in its own process, and a developer may run several at once: the name says
    /// which code and seed files built it, an advisory lock lets one process build it while the
    /// others wait, and it counts as complete only once marked as a template (a process that died
    /// half-way leaves a plain database, dropped and built again by the next one).
    /// </summary>
    private static async Task<string> EnsureTemplateAsync()
    {
        var name = $"sp_template_{Fingerprint()}";
        // Not pooled: a session lock stays with a pooled connection after Close, until reused.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", connection))
        {
            lockCommand.Parameters.AddWithValue("name", name);
            await lockCommand.ExecuteNonQueryAsync();
        }
        await using (var complete = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name AND datistemplate)", connection))
        {
            complete.Parameters.AddWithValue("name", name);
            if ((bool)(await complete.ExecuteScalarAsync())!)
            {
                return name; // The lock goes with the connection.
            }
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await Roles.Value;
        await ExecuteAsync($"CREATE DATABASE \"{name}\" OWNER {OwnerRole}", connection);
        await using (var portal = new PortalFactory(ConnectionTo(name)))
        {
            portal.Start();
        }
        // A copy needs the template to itself, but idle pooled connections outlive the portal:
        // refuse new connections, then end those left. Nothing uses this connection string again.
        await ExecuteAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false", connection);
        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name", connection))
        {
            terminate.Parameters.AddWithValue("name", name);
            await terminate.ExecuteNonQueryAsync();
        }
        await ExecuteAsync($"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true", connection);
        return name;
    }

    /// <summary>What the template depends on: the portal's code (its migrations), the tests' host settings and the seed files.</summary>
    private static string Fingerprint()
    {
        var inputs = new[] { typeof(Program).Assembly.Location, typeof(PortalFactory).Assembly.Location }
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "appsettings*.json").Order(StringComparer.Ordinal))
            .Concat(Directory.GetFiles(CatalogueFiles.DefaultFolder).Order(StringComparer.Ordinal));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in inputs)
        {
            hash.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static async Task ExecuteAsync(string sql, NpgsqlConnection? connection = null)
    {
        if (connection is not null)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
            return;
        }
        await using var own = new NpgsqlConnection(AdminConnectionString());
        await own.OpenAsync();
        await ExecuteAsync(sql, own);
    }

    /// <summary>
    /// The owner's connection to <paramref name="database"/>. Every test database is a pool of its
    /// own, and a pool outlives the portal that filled it: with Npgsql's defaults, its idle
    /// connections stay open five minutes, and a suite that starts hundreds of portals in that time
    /// runs the cluster out of connections (53300). So idle connections close after a few seconds
    /// here, and <see cref="PortalFactory"/> empties its pools when it stops.
    /// </summary>
    private static string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString())
        {
            Database = database,
            Username = OwnerRole,
            ConnectionIdleLifetime = 6,
            ConnectionPruningInterval = 2,
        }.ConnectionString;

    private static string AdminConnectionString()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL cluster.");
        }
        return admin;
    }
}
