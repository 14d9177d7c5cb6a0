using System.Security.Claims;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// The event stream that keeps a supervision screen (the room, the wall) live: the same scope and
/// the same rights as the page it serves (another ministry: 404), a few streams per account.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
public sealed class LiveController(RoomScopes scopes, LiveStream stream, LiveStreams open, IOptions<LiveOptions> options) : Controller
{
    [HttpGet(SupervisionPaths.Stream)]
    public async Task<IActionResult> Stream(string? ministere, string? bureau, string? demarche, CancellationToken ct)
    {
        var scope = await scopes.ResolveAsync(User, ministere, bureau, demarche, ct);
        if (scope is null)
        {
            return NotFound();
        }
        using var place = open.TryOpen(User.FindFirstValue(ClaimTypes.NameIdentifier)!, options.Value.StreamsPerUser);
        if (place is null)
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }
        await stream.RunAsync(HttpContext, scope);
        return new EmptyResult();
    }
}
