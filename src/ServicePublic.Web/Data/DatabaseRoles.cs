using Npgsql;

namespace ServicePublic.Web.Data;

/// <summary>
/// The two database roles: the owner, who creates and alters the schema (migrations run as it,
/// through ConnectionStrings:Migrations), and the portal's runtime role (ConnectionStrings:Default),
/// which owns nothing: it reads and writes the rows of the portal's tables, only appends to the
/// audit journal, and can neither alter a table nor switch triggers off.
/// </summary>
internal static class DatabaseRoles
{
    public const string MigrationsConnection = "Migrations";

    /// <summary>Serialises the grants of replicas starting together ("GRANTS" in ASCII).</summary>
    private const long GrantsLock = 0x4752414E5453;

    /// <summary>
    /// What the owner grants the runtime role after migrating, idempotently: DML on every table and
    /// use of every sequence of the schema, the same for the tables and sequences later migrations
    /// create (default privileges of the owner), then takes back what the runtime role must never
    /// do: change or delete audit entries, touch the migrations' history. TRUNCATE, REFERENCES and
    /// TRIGGER are never granted. One batch, so one implicit transaction holding the lock.
    /// </summary>
    public static string GrantsSql(string runtimeRole)
    {
        var role = Quote(runtimeRole);
        return $"""
            SELECT pg_advisory_xact_lock({GrantsLock});
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM {role};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM {role};
            """;
    }

    /// <summary>The user a connection string names (null when it names none, e.g. peer authentication).</summary>
    public static string? RoleOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username is { Length: > 0 } user ? user : null;

    /// <summary>
    /// Why the role <paramref name="connection"/> runs as is more than the portal's runtime role
    /// (a superuser, the database's or a table's owner, or allowed to create objects or to set
    /// session_replication_role), or nothing when it owns nothing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ExcessPowersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        const string Sql = """
            SELECT r.rolsuper,
                   pg_has_role(current_user, d.datdba, 'MEMBER'),
                   (SELECT string_agg(relname, ', ') FROM (
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                          AND pg_has_role(current_user, c.relowner, 'MEMBER')
                        ORDER BY c.relname LIMIT 3) owned),
                   has_schema_privilege(current_user, 'public', 'CREATE'),
                   current_user
            FROM pg_roles r, pg_database d
            WHERE r.rolname = current_user AND d.datname = current_database()
            """;
        var powers = new List<string>();
        await using (var command = new NpgsqlCommand(Sql, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            if (reader.GetBoolean(0))
            {
                powers.Add("is a superuser");
            }
            if (reader.GetBoolean(1))
            {
                powers.Add("owns the database");
            }
            if (!reader.IsDBNull(2))
            {
                powers.Add($"owns tables ({reader.GetString(2)}…)");
            }
            if (reader.GetBoolean(3))
            {
                powers.Add("may create objects in schema public");
            }
        }
        // GRANT SET ON PARAMETER exists from PostgreSQL 15; before, only a superuser may set it.
        if (connection.PostgreSqlVersion.Major >= 15)
        {
            await using var command = new NpgsqlCommand("SELECT has_parameter_privilege('session_replication_role', 'SET')", connection);
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                powers.Add("may set session_replication_role (which switches triggers off)");
            }
        }
        return powers;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>The runtime connection string (the portal's role) and the one migrations run with (the owner's).</summary>
internal sealed record DatabaseConnections(string Runtime, string Migrations);
