using ServicePublic.Web.Data.Seeding;

namespace ServicePublic.Web.Setup;

internal static class Persistence
{
    public static void AddPersistence(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Default is not set. Start the portal with ./run.sh, or set ConnectionStrings__Default.");

        builder.Services.AddDbContext<AppDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention());

        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        builder.Services.AddScoped<CatalogueSeeder>();
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddScoped<DemoAccountsSeeder>();
        builder.Services.AddScoped<ProgrammesSeeder>();
        builder.Services.AddScoped<DemoHistorySeeder>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgresql");
    }
}
