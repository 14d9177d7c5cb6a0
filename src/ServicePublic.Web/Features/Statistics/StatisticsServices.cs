namespace ServicePublic.Web.Features.Statistics;

internal static class StatisticsServices
{
    public static void AddStatistics(this WebApplicationBuilder builder)
    {
        // The pages keep each scope's figures, renewed when a minute old (StatisticsQueries.CacheFor, KeptFigures).
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<KeptFigures>();
        builder.Services.AddSingleton<StatisticsQueries>();
        builder.Services.AddScoped<OpenDataQueries>();
    }
}
