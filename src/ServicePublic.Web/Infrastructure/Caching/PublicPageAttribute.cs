using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace ServicePublic.Web.Infrastructure.Caching;

/// <summary>
/// A page anyone may keep a copy of, for a short while, when an anonymous visitor asked for it:
/// the catalogue, ministries, procedures, home and statistics. For anonymous GET and HEAD it
/// answers <c>Cache-Control: public</c> with an ETag (<see cref="PublicPageHeaders"/>) and is kept in
/// this node's output cache, per address, query and language, tagged <see cref="PublicPages.Tag"/>.
/// A signed-in visitor's copy is never kept, here or elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicPageAttribute : Attribute, IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var keep = PublicPages.IsAnonymousRead(http);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = keep;
        context.AllowCacheStorage = keep;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = http.RequestServices.GetRequiredService<IOptions<OutputCacheSettings>>().Value.Duration;
        context.Tags.Add(PublicPages.Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        // The language comes from a cookie (Setup/Localization.cs): the French and English copies are two entries.
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // Only what PublicPageHeaders declared public: a 200 that set no cookie and carried no per-visitor token.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || !PublicPages.IsPublic(response.Headers.CacheControl))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
