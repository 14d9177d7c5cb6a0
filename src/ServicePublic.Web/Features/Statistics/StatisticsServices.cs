namespace ServicePublic.Web.Features.Statistics;

internal static class StatisticsServices
{
    public static void AddStatistics(this WebApplicationBuilder builder)
    {
        // The pages keep each scope's figures for a minute (StatisticsQueries.CacheFor).
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<StatisticsQueries>();
        builder.Services.AddScoped<OpenDataQueries>();
    }
}
