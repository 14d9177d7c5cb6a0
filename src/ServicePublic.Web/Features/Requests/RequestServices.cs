namespace ServicePublic.Web.Features.Requests;

internal static class RequestServices
{
    public static void AddRequests(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FilingOptions>(builder.Configuration.GetSection(FilingOptions.Section));
        builder.Services.AddScoped<TrackingNumbers>();
        builder.Services.AddScoped<RequestAccess>();
        builder.Services.AddScoped<RequestNotifier>();
        builder.Services.AddScoped<RequestQueries>();
        builder.Services.AddScoped<Filing>();
    }
}

public sealed class FilingOptions
{
    public const string Section = "Filing";

    /// <summary>Requests an account may start in one day (Lomé time, which is UTC): far more than anyone files, far fewer than a script would.</summary>
    public int DraftsPerDay { get; set; } = 20;
}
