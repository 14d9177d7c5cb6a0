namespace ServicePublic.Web.Features.Businesses;

/// <summary>The businesses pages' services.</summary>
internal static class BusinessServices
{
    public static void AddBusinesses(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BusinessQueries>();
    }
}
