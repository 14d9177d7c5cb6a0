namespace ServicePublic.Web.Features.Edition;

internal static class EditionServices
{
    public static void AddEdition(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Workshop>();
        builder.Services.AddScoped<EditionQueries>();
        builder.Services.AddScoped<DefinitionChecks>();
        builder.Services.AddScoped<Publication>();
        builder.Services.AddHostedService<ScheduledPublications>();
    }
}
