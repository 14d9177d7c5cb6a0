namespace ServicePublic.Web.Features.Requests;

internal static class RequestServices
{
    public static void AddRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TrackingNumbers>();
        builder.Services.AddScoped<RequestAccess>();
        builder.Services.AddScoped<RequestNotifier>();
        builder.Services.AddScoped<RequestQueries>();
        builder.Services.AddScoped<Filing>();
    }
}
