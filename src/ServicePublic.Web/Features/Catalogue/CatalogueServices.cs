namespace ServicePublic.Web.Features.Catalogue;

internal static class CatalogueServices
{
    public static void AddCatalogue(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<CatalogueQueries>();
    }
}
