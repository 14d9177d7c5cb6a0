using ServicePublic.Web.Data.Seeding;

namespace ServicePublic.Web.Data;

/// <summary>
/// Migrates and seeds before the portal takes requests, when configured to. A failure stops the
/// start: a portal on a half-migrated database is worse than none.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
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

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (settings.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database schema is up to date");
        }
        if (settings.SeedCatalogue)
        {
            await scope.ServiceProvider.GetRequiredService<CatalogueSeeder>().SeedAsync(cancellationToken);
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
