using Microsoft.Extensions.Primitives;

namespace ServicePublic.Web.Infrastructure.Caching;

/// <summary>What makes a request's answer shareable, in one place for the headers and the output cache.</summary>
public static class PublicPages
{
    /// <summary>The output cache's tag of every public page: evicted together when the catalogue changes.</summary>
    public const string Tag = "public-pages";

    /// <summary>A read by a visitor who is not signed in: the only answers anyone may keep.</summary>
    public static bool IsAnonymousRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.User.Identity?.IsAuthenticated != true
        && StringValues.IsNullOrEmpty(context.Request.Headers.Authorization);

    public static bool IsPublic(StringValues cacheControl) =>
        cacheControl.ToString().StartsWith("public", StringComparison.OrdinalIgnoreCase);
}
