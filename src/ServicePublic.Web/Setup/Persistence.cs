using Npgsql;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Infrastructure.Auditing;
using ServicePublic.Web.Infrastructure.Caching;

namespace ServicePublic.Web.Setup;

internal static class Persistence
{
    public static void AddPersistence(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Default is not set. Start the portal with ./run.sh, or set ConnectionStrings__Default.");
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // A query waits for a connection (a free one of a busy pool, or a new one) up to Npgsql's
        // timeout; a server that does not answer at all is told sooner (Data/DatabaseReachability.cs).
        var connectionString = new NpgsqlConnectionStringBuilder(configured) { Timeout = database.ConnectionWaitSeconds }.ConnectionString;
        // The page's statements are prepared on each pooled connection after their second use, as a
        // hand-written data layer would: PostgreSQL parses and plans them once per connection, not
        // on every request (issue 13). A connection string that sets Max Auto Prepare keeps its own.
        connectionString = WithPreparedStatements(connectionString);
        var reachability = new DatabaseReachability(connectionString, TimeSpan.FromSeconds(database.ConnectTimeoutSeconds));
        // The portal runs as a role that owns nothing; migrations run as the owner, when configured
        // (Data/DatabaseRoles.cs). Without a Migrations connection, the runtime one migrates.
        var migrations = builder.Configuration.GetConnectionString(DatabaseRoles.MigrationsConnection) is { Length: > 0 } owner ? owner : configured;
        builder.Services.AddSingleton(new DatabaseConnections(connectionString, migrations));

        // Pooled: a request rents a context whose options and internal services are built once,
        // instead of building them again for every request (issue 13: the per-request cost of pages).
        builder.Services.AddDbContextPool<AppDbContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.ExecutionStrategy(dependencies => new PortalExecutionStrategy(dependencies)))
            .UseSnakeCaseNamingConvention()
            // A saved change to the catalogue evicts the public pages of every node (Setup/PublicPageCaching.cs).
            .AddInterceptors(services.GetRequiredService<CatalogueChangeNotifier>(), reachability, FreshCommands.Instance, AuditChainWriter.Instance));

        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        builder.Services.AddScoped<CatalogueSeeder>();
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddScoped<DemoAccountsSeeder>();
        builder.Services.AddScoped<ProgrammesSeeder>();
        builder.Services.AddScoped<AppointmentsSeeder>();
        builder.Services.AddScoped<DemoHistorySeeder>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHostedService<RuntimeRoleCheck>();
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgresql", timeout: TimeSpan.FromSeconds(2));
    }

    private static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }
}
