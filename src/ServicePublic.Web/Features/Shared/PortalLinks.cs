using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Shared;

/// <summary>
/// Absolute links for emails, SMS, receipts and payment providers: from Portal:PublicUrl, never from
/// the request's Host header, which a client chooses. Without it (development, tests; Production
/// refuses to start), the address the portal listens on.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, IServer server)
{
    private const string LocalDefault = "http://localhost";

    public string Absolute(string pathAndQuery) => (PublicUrl.Configured(configuration) ?? Listening()) + pathAndQuery;

    private string Listening()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? LocalDefault;
        return listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
