namespace ServicePublic.Web.Infrastructure.Auditing;

internal static class AuditingServices
{
    public static void AddAuditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditChain>();
    }
}
