using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace ServicePublic.Web.Setup;

/// <summary>
/// HEAD is GET without the body (RFC 9110): link checkers, monitors and caches use it, and a 405
/// tells them the page is broken. So every action that answers GET answers HEAD too, as the same
/// endpoint: the same authorization, rate limits and status, with no antiforgery check (HEAD, like
/// GET, changes nothing). The body is written to nowhere, on any server (Kestrel drops it, the
/// test server would not).
/// </summary>
internal sealed class HeadLikeGet : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            var get = selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault();
            if (get is null || !get.HttpMethods.Contains(HttpMethods.Get) || get.HttpMethods.Contains(HttpMethods.Head))
            {
                continue;
            }
            string[] methods = [.. get.HttpMethods, HttpMethods.Head];
            selector.ActionConstraints[selector.ActionConstraints.IndexOf(get)] = new HttpMethodActionConstraint(methods);
            var metadata = selector.EndpointMetadata.OfType<HttpMethodMetadata>().FirstOrDefault();
            if (metadata is not null)
            {
                selector.EndpointMetadata[selector.EndpointMetadata.IndexOf(metadata)] = new HttpMethodMetadata(methods, metadata.AcceptCorsPreflight);
            }
        }
    }
}

internal static class HeadRequests
{
    /// <summary>What a HEAD request's page writes goes nowhere: only its status and headers are sent.</summary>
    public static void UseHeadWithoutBody(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.Body = Stream.Null;
            }
            return next();
        });
}
