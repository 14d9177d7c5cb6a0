namespace ServicePublic.Web.Features.Shared;

/// <summary>
/// Absolute links for emails and SMS. Portal:PublicUrl (set on servers) wins over the request's
/// Host header, so a forged Host cannot put someone else's domain into a reset link.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, IHttpContextAccessor http)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["Portal:PublicUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/') + pathAndQuery;
        }
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("No request to build a link from: set Portal:PublicUrl.");
        return $"{request.Scheme}://{request.Host}{pathAndQuery}";
    }
}
