using Microsoft.AspNetCore.Html;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// The supervision room (/supervision) and its wall screen (/supervision/mur), for a scope the viewer
/// may see (<see cref="RoomScopes"/>; anything else is a 404). Both are plain pages, exact when
/// rendered; their live part alone comes back with <c>?fragment=1</c>, for the script that keeps them live.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RoomController(RoomScopes scopes, RoomSnapshots snapshots, Appointments.AppointmentQueries appointments) : Controller
{
    [HttpGet(SupervisionPaths.Room)]
    public Task<IActionResult> Room(string? ministere, string? bureau, string? demarche, string? fragment, CancellationToken ct) =>
        ShowAsync(wall: false, ministere, bureau, demarche, fragment, ct);

    [HttpGet(SupervisionPaths.Wall)]
    public Task<IActionResult> Wall(string? ministere, string? bureau, string? demarche, string? fragment, CancellationToken ct) =>
        ShowAsync(wall: true, ministere, bureau, demarche, fragment, ct);

    private async Task<IActionResult> ShowAsync(bool wall, string? ministere, string? bureau, string? demarche, string? fragment, CancellationToken ct)
    {
        var scope = await scopes.ResolveAsync(User, ministere, bureau, demarche, ct);
        if (scope is null)
        {
            return NotFound();
        }
        // The wall never names a clerk: its snapshot does not even hold the workload.
        var page = new RoomPage(await snapshots.GetAsync(scope, includeWorkload: !wall, ct), wall);
        var live = await RoomFragments.RenderAsync(this, page);
        if (fragment is "1" or "true")
        {
            return Content(live, "text/html; charset=utf-8");
        }
        if (wall)
        {
            return View("Wall", page with { Live = new HtmlString(live) });
        }
        return View("Room", page with { Live = new HtmlString(live), NoShows = await appointments.NoShowsAsync(scope.MinistryId, scope.OfficeId, ct) });
    }
}

/// <summary>A room or wall page: the snapshot it shows and where its figures lead.</summary>
public sealed record RoomPage(RoomSnapshot Snapshot, bool IsWall)
{
    /// <summary>The live part, as rendered once for this snapshot (the page around it is the viewer's).</summary>
    public IHtmlContent? Live { get; init; }

    /// <summary>Appointments kept and missed per office (the room only; the wall shows the flow).</summary>
    public IReadOnlyList<Appointments.NoShowRow> NoShows { get; init; } = [];

    public RoomScope Scope => Snapshot.Scope;

    public RoomLinks Links => new(Snapshot.Scope, Snapshot.Today);

    public string Fragment => IsWall ? SupervisionPaths.WallFragmentOf(Scope) : SupervisionPaths.RoomFragmentOf(Scope);

    /// <summary>The stream that pushes this page's live part (the wall's never holds the workload).</summary>
    public string Stream => SupervisionPaths.StreamOf(Scope, IsWall);

    /// <summary>What the room looks at, most precise first: "Carte d'orpailleur", else the office, the ministry, the nation.</summary>
    public string? ScopeName => Scope.ProcedureTitle ?? Scope.OfficeName ?? Scope.MinistryName;
}

/// <summary>One breakdown table of the room (ministries, offices or procedures): same columns, each line leading to its own room.</summary>
public sealed record BreakdownTable(RoomPage Page, string Id, string Title, string Column, IReadOnlyList<RoomRow> Rows);
