namespace ServicePublic.Web.Features.Supervision;

internal static class SupervisionServices
{
    public static void AddSupervision(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LedgerQueries>();
        builder.Services.AddScoped<RevocationQueries>();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<RoomScopes>();
        builder.Services.AddScoped<TargetsMeasures>();
        builder.Services.AddScoped<TargetsQueries>();
        builder.Services.Configure<LiveOptions>(builder.Configuration.GetSection(LiveOptions.Section));
        builder.Services.AddSingleton<LiveStreams>();
        builder.Services.AddScoped<LiveStream>();
        builder.Services.AddScoped<RoomQueries>();
        builder.Services.AddSingleton<RoomSnapshots>();
        builder.Services.AddSingleton<SupervisionFolding>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SupervisionFolding>());
    }
}
