using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Security;

/// <summary>One route of the running portal with parameters in its template, and one HTTP method it answers.</summary>
internal sealed record PortalRoute(string Method, string Template, RoutePattern Pattern)
{
    public override string ToString() => $"{Method} /{Template}";

    /// <summary>Keys the owner's values are found by: the parameter's name, with its constraint when it has one ("id:int", "id:guid").</summary>
    public IEnumerable<string> Keys => Pattern.Parameters.Select(Key);

    /// <summary>The address with every parameter replaced by its value in <paramref name="values"/>; null when one has none.</summary>
    public string? Fill(IReadOnlyDictionary<string, string> values)
    {
        var path = new StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter when values.TryGetValue(Key(parameter), out var value):
                        path.Append(Uri.EscapeDataString(value));
                        break;
                    default:
                        return null;
                }
            }
        }
        return path.ToString();
    }

    private static string Key(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.FirstOrDefault()?.Content is { } constraint ? $"{parameter.Name}:{constraint}" : parameter.Name;
}

/// <summary>
/// The routes of the running portal (its endpoint data source, so a route added later is in it)
/// that name something by a parameter of their template, less those public by design.
/// </summary>
internal static class RouteTable
{
    /// <summary>
    /// Routes whose parameter names nothing that belongs to anyone, or that anyone may open by
    /// design: each with the reason. Reviewed here rather than left to grow unseen.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PublicByDesign = new Dictionary<string, string>
    {
        ["demarches/{slug}"] = "the catalogue: a procedure's public page",
        ["demarches/{slug}/demarrer"] = "any signed-in user may start a public procedure; it files the user's own draft",
        ["ministeres/{code}"] = "the public directory of ministries",
        ["statistiques/{code}"] = "open statistics of a ministry",
        ["statistiques/demarches/{slug}"] = "open statistics of a procedure",
        ["verifier/{code}"] = "anyone holding a document checks it by the code printed on it (the point of the QR code)",
        ["erreur/{code:int}"] = "the error pages, which show nothing but the status",
        ["api/paiements/{provider}/notification"] = "providers' callbacks: signed, and answered without effect unless they name a pending payment (CallbackGuardTests)",
        ["paiements/cinetpay/retour/{paymentId:guid}"] = "the payer's browser back from CinetPay, perhaps without the session cookie: only a redirect to the request's payment page, which is the applicant's alone; changes nothing",
        ["sandbox/paiement/{id}"] = "the sandbox provider's checkout, standing for the provider's own page: reached by its random transaction id, never enabled in Production",
    };

    public static IReadOnlyList<PortalRoute> All(PortalFactory portal) =>
    [
        .. portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Where(m => m is "GET" or "POST")
                .Select(m => new PortalRoute(m, Template(e.RoutePattern), e.RoutePattern)))
            .DistinctBy(r => r.ToString())
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal),
    ];

    public static string Template(RoutePattern pattern) => (pattern.RawText ?? "").TrimStart('/');
}
