using System.Security.Claims;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// The event stream that keeps a supervision screen (the room, the wall) live: the same scope and
/// the same rights as the page it serves (another ministry: 404), a few streams per account. It
/// pushes the page's live part, rendered here as the page renders it (<c>vue=mur</c>: the wall's).
/// </summary>
[Authorize(Policy = Policies.Supervision)]
public sealed class LiveController(RoomScopes scopes, LiveStream stream, LiveStreams open, IOptions<LiveOptions> options) : Controller
{
    [HttpGet(SupervisionPaths.Stream)]
    public async Task<IActionResult> Stream(string? ministere, string? bureau, string? demarche, string? vue, CancellationToken ct)
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
        var wall = vue == SupervisionPaths.WallView;
        await stream.RunAsync(HttpContext, scope, wall, snapshot => RoomFragments.RenderAsync(this, new RoomPage(snapshot, wall)));
        return new EmptyResult();
    }
}
