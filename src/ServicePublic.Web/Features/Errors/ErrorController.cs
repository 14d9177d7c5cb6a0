using Microsoft.AspNetCore.Diagnostics;

namespace ServicePublic.Web.Features.Errors;

/// <summary>The portal's own error pages: never a stack trace, always the layout and a way back.</summary>
/// <remarks>
/// A failed POST is re-executed here as a POST: without a form of its own (a provider's callback),
/// the antiforgery check would turn its 404 into a 400. Error pages change nothing, so none is needed.
/// </remarks>
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorController(ILogger<ErrorController> logger) : Controller
{
    [Route("/erreur")]
    public IActionResult Error()
    {
        var feature = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (feature is not null)
        {
            logger.LogError(feature.Error, "Unhandled error on {Path}", feature.Path);
        }
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Error", new ErrorViewModel(StatusCodes.Status500InternalServerError, HttpContext.TraceIdentifier));
    }

    [Route("/erreur/{code:int}")]
    public IActionResult Status(int code)
    {
        var status = code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        return View(status == StatusCodes.Status404NotFound ? "NotFound" : "Error", new ErrorViewModel(status, HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorViewModel(int StatusCode, string TraceId);
