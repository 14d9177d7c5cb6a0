using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ServicePublic.Web.Infrastructure.Caching;

/// <summary>
/// The caching headers of every answer. An anonymous 200 of a <see cref="PublicPageAttribute"/> page
/// that set no cookie is buffered, then answered <c>Cache-Control: public, max-age=…</c> with a strong
/// ETag (a hash of the bytes) and <c>Vary: Cookie</c>, or 304 when the visitor's If-None-Match names it.
/// Vary: Cookie because the language and the signed-in state both travel in cookies: a browser or
/// proxy never hands the French copy to an English visitor, nor an anonymous copy to a signed-in one.
/// Any other HTML page keeps what it had when every page carried an antiforgery token:
/// <c>no-cache, no-store</c>.
/// </summary>
internal sealed class PublicPageHeaders(RequestDelegate next, IOptions<OutputCacheSettings> settings)
{
    private const string NotStored = "no-cache, no-store";

    public async Task InvokeAsync(HttpContext context)
    {
        var publicPage = context.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>() is not null;
        if (publicPage)
        {
            context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Cookie);
        }
        if (!publicPage || !PublicPages.IsAnonymousRead(context))
        {
            context.Response.OnStarting(KeepPrivate, context);
            await next(context);
            return;
        }

        var response = context.Response;
        var body = response.Body;
        var aborted = context.RequestAborted;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        if (settings.Value.Enabled)
        {
            // Other visitors may be waiting for this copy (the output cache lets one request fill an
            // entry while the others wait, and hands them its outcome): the page is finished even if
            // the visitor who asked for it leaves, rather than failing for everyone (dotnet/aspnetcore#52310).
            context.RequestAborted = CancellationToken.None;
        }
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
            context.RequestAborted = aborted;
        }

        if (!response.HasStarted
            && response.StatusCode == StatusCodes.Status200OK
            && StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            && StringValues.IsNullOrEmpty(response.Headers.CacheControl))
        {
            var etag = ETagOf(buffer);
            response.Headers.CacheControl = $"public, max-age={(int)settings.Value.Duration.TotalSeconds}";
            response.Headers.ETag = etag.ToString();
            if (Matches(context.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            response.ContentLength = buffer.Length;
        }
        else if (!response.HasStarted)
        {
            KeepPrivate(response);
        }
        buffer.Position = 0;
        // Whole or not at all: the output cache stores what passes through here.
        await buffer.CopyToAsync(body, CancellationToken.None);
    }

    private static Task KeepPrivate(object state)
    {
        KeepPrivate(((HttpContext)state).Response);
        return Task.CompletedTask;
    }

    private static void KeepPrivate(HttpResponse response)
    {
        if (StringValues.IsNullOrEmpty(response.Headers.CacheControl)
            && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            response.Headers.CacheControl = NotStored;
        }
    }

    private static EntityTagHeaderValue ETagOf(MemoryStream buffer)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), hash);
        return new EntityTagHeaderValue($"\"{WebEncoders.Base64UrlEncode(hash[..16])}\"");
    }

    /// <summary>If-None-Match uses the weak comparison (RFC 9110, 13.1.2); "*" matches any current page.</summary>
    private static bool Matches(HttpRequest request, EntityTagHeaderValue etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
}
