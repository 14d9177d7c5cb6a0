namespace ServicePublic.Web.Features.Administration;

internal static class AdministrationServices
{
    public static void AddAdministration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddScoped<JournalQueries>();
    }
}
