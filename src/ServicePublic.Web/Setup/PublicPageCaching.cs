using ServicePublic.Web.Infrastructure.Caching;

namespace ServicePublic.Web.Setup;

/// <summary>
/// Public pages ([PublicPage]: home, catalogue, ministries, procedures, statistics) are shareable
/// when read anonymously: Cache-Control public + ETag for browsers and proxies, and this node's
/// output cache (OutputCache:Enabled), evicted on every node when the catalogue changes.
/// </summary>
internal static class PublicPageCaching
{
    public static void AddPublicPageCaching(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(OutputCacheSettings.Section);
        builder.Services.Configure<OutputCacheSettings>(section);
        builder.Services.AddSingleton<PublicPageEviction>();
        builder.Services.AddSingleton<CatalogueChangeNotifier>();
        if (section.Get<OutputCacheSettings>()?.Enabled ?? true)
        {
            builder.Services.AddOutputCache();
        }
    }

    /// <summary>After authentication (a signed-in visitor's page is never kept) and before the pages.</summary>
    public static void UsePublicPageCaching(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<OutputCacheSettings>>().Value.Enabled)
        {
            app.UseOutputCache();
        }
        app.UseMiddleware<PublicPageHeaders>();
    }
}
