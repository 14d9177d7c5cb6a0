using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ServicePublic.Web.Features.Shared;

/// <summary>
/// Absolute links for emails and SMS. Portal:PublicUrl (set on servers) wins over the request's
/// Host header, so a forged Host cannot put someone else's domain into a reset link.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, IHttpContextAccessor http, IServer server)
{
    private const string LocalDefault = "http://localhost";

    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["Portal:PublicUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/') + pathAndQuery;
        }
        if (http.HttpContext?.Request is { } request)
        {
            return $"{request.Scheme}://{request.Host}{pathAndQuery}";
        }
        // A background job (payment reconciliation): the address the portal listens on.
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? LocalDefault;
        return listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/') + pathAndQuery;
    }
}
