namespace ServicePublic.Web.Features.BackOffice;

internal static class BackOfficeServices
{
    public static void AddBackOffice(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BackOfficeScope>();
        builder.Services.AddScoped<QueueQueries>();
        builder.Services.AddScoped<CaseQueries>();
        builder.Services.AddScoped<CaseActions>();
    }
}
