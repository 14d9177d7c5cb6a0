using Microsoft.AspNetCore.HostFiltering;

namespace ServicePublic.Web.Setup;

/// <summary>
/// The portal's public address (Portal:PublicUrl): the only origin of the links in emails, SMS,
/// receipts and payment providers' addresses. Production refuses to start without it, and only
/// answers requests addressed to its host unless AllowedHosts says otherwise.
/// </summary>
internal static class PublicUrl
{
    public const string Key = "Portal:PublicUrl";

    /// <summary>Health checks from the machine itself (the compose proxy) name the loopback address, not the public host.</summary>
    private static readonly string[] LocalHosts = ["localhost", "127.0.0.1"];

    /// <summary>The configured public address without its trailing slash, or null when none is set.</summary>
    public static string? Configured(IConfiguration configuration) =>
        configuration[Key] is { } url && !string.IsNullOrWhiteSpace(url) ? url.Trim().TrimEnd('/') : null;

    public static void AddPublicUrl(this WebApplicationBuilder builder)
    {
        var configured = Configured(builder.Configuration);
        if (configured is null)
        {
            if (builder.Environment.IsProduction())
            {
                throw new InvalidOperationException(
                    $"{Key} is not set. In Production every link in emails, SMS and receipts and every payment provider's address is built from it, never from the request's Host header: set Portal__PublicUrl to the portal's public address, e.g. https://servicepublic.gouv.tg.");
            }
            return;
        }
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"{Key} must be an absolute http(s) address without query, e.g. https://servicepublic.gouv.tg (it is \"{configured}\").");
        }
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            // Defence in depth: a request naming another host is refused (400) before any code reads it.
            builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [uri.IdnHost, .. LocalHosts]);
        }
    }
}
