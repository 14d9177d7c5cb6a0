using ServicePublic.Web.Data.Seeding;

namespace ServicePublic.Web.Data;

/// <summary>
/// Migrates and seeds before the portal takes requests, when configured to. A failure stops the
/// start: a portal on a half-migrated database is worse than none.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    DatabaseConnections connections,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.MigrateOnStartup && !settings.SeedCatalogue && !settings.SeedDemoAccounts)
        {
            return;
        }

        if (settings.MigrateOnStartup)
        {
            await MigrateAsync(cancellationToken);
        }
        // Seeding writes rows only: as the runtime role, like everything after this.
        await using var scope = scopes.CreateAsyncScope();
        if (settings.SeedCatalogue)
        {
            await scope.ServiceProvider.GetRequiredService<CatalogueSeeder>().SeedAsync(cancellationToken);
            // The counters of the procedures that end in person: they name the catalogue's offices and procedures.
            await scope.ServiceProvider.GetRequiredService<AppointmentsSeeder>().SeedAsync(cancellationToken);
        }
        if (settings.SeedDemoAccounts)
        {
            // After the catalogue: the clerk and the supervisor belong to one of its ministries.
            await scope.ServiceProvider.GetRequiredService<DemoAccountsSeeder>().SeedAsync(cancellationToken);
            // Demo programmes with it: their indicators name the catalogue's ministries and procedures.
            await scope.ServiceProvider.GetRequiredService<ProgrammesSeeder>().SeedAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<DemoHistorySeeder>().SeedAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Migrates as the owner (ConnectionStrings:Migrations), then grants the runtime role what it
    /// needs, and only that (<see cref="DatabaseRoles.GrantsSql"/>), again at every start.
    /// </summary>
    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var owner = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Contexts are pooled (Setup/Persistence.cs): this one goes back to the pool, and to the
        // next request, with the runtime role's connection again.
        owner.Database.SetConnectionString(connections.Migrations);
        try
        {
            await MigrateAsOwnerAsync(owner, ct);
        }
        finally
        {
            owner.Database.SetConnectionString(connections.Runtime);
        }
    }

    private async Task MigrateAsOwnerAsync(AppDbContext owner, CancellationToken ct)
    {
        await owner.Database.MigrateAsync(ct);
        logger.LogInformation("Database schema is up to date");
        var runtimeRole = DatabaseRoles.RoleOf(connections.Runtime);
        if (runtimeRole is null || runtimeRole == DatabaseRoles.RoleOf(connections.Migrations))
        {
            logger.LogWarning("The portal runs as the role that migrates the database (no ConnectionStrings:Migrations of another role): nothing granted");
            return;
        }
        var grants = DatabaseRoles.GrantsSql(runtimeRole);
        await owner.Database.ExecuteSqlRawAsync(grants, ct);
        logger.LogInformation("Role {Role} may read and write the portal's tables, and only append to the audit journal", runtimeRole);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
