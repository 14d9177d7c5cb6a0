using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Errors;

/// <summary>
/// With the database out of reach, answers 503 and a short French page at once, instead of the
/// generic error page. That page cannot be used: re-running the request through the pipeline
/// would read the database again (the session check of a signed-in visitor, the layout's
/// businesses, the antiforgery keys of its forms). So this one is written here, from the
/// localized strings only, without layout, session or form; the stylesheet still applies.
/// </summary>
internal sealed class DatabaseUnavailablePage(IStringLocalizer<SharedResource> localizer, ILogger<DatabaseUnavailablePage> logger) : IExceptionHandler
{
    /// <summary>When browsers and monitoring may try again (seconds).</summary>
    private const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFailures.IsUnreachable(exception))
        {
            return false;
        }
        // One line per refused request, without the stack: the outage itself is what to look at.
        logger.LogWarning("Database unreachable on {Path}: {Reason}", context.Request.Path, exception.GetBaseException().Message);

        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        string html;
        try
        {
            html = Page(culture.TwoLetterISOLanguageName);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        Security.SetSecurityHeaders(response.Headers);
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.WriteAsync(html, cancellationToken);
        }
        return true;
    }

    private string Page(string lang)
    {
        string T(string french) => WebUtility.HtmlEncode(localizer[french].Value);
        var title = T("Service momentanément indisponible");
        return $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{title} – ServicePublic</title>
                <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
                <header class="site-header"><div class="wrap header-row"><a class="brand" href="{CataloguePaths.Home}"><span class="brand-flag" aria-hidden="true"></span><span><strong>ServicePublic</strong><small>{T("République togolaise")}</small></span></a></div></header>
                <main id="contenu" class="wrap">
                    <h1>{title}</h1>
                    <p>{T("Le portail ne peut pas joindre ses données pour le moment. Rien de ce que vous avez déjà enregistré ou confirmé n'est perdu.")}</p>
                    <p>{T("Réessayez dans quelques minutes.")}</p>
                    <p><a href="{CataloguePaths.Home}">{T("Retour à l'accueil")}</a></p>
                </main>
            </body>
            </html>
            """;
    }
}
