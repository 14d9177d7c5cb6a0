using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// The supervision room (/supervision) and its wall screen (/supervision/mur), for a scope the viewer
/// may see (<see cref="RoomScopes"/>; anything else is a 404). Both are plain pages, exact when
/// rendered; their live part alone comes back with <c>?fragment=1</c>, for the script that keeps them live.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RoomController(RoomScopes scopes, RoomSnapshots snapshots) : Controller
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
        var live = await FragmentAsync(wall ? "_WallLive" : "_RoomLive", page);
        if (fragment is "1" or "true")
        {
            return Content(live, "text/html; charset=utf-8");
        }
        return View(wall ? "Wall" : "Room", page with { Live = new HtmlString(live) });
    }

    // Each snapshot's live part, rendered once per language: fifty wall screens reading it after a
    // change cost one rendering, not fifty. It holds nothing of the viewer (rights are checked above,
    // and every viewer of a scope sees the same figures), and goes with its snapshot.
    private static readonly ConditionalWeakTable<RoomSnapshot, ConcurrentDictionary<string, string>> Fragments = [];

    private async Task<string> FragmentAsync(string view, RoomPage page)
    {
        var rendered = Fragments.GetValue(page.Snapshot, _ => new ConcurrentDictionary<string, string>());
        var key = $"{view}/{CultureInfo.CurrentUICulture.Name}";
        if (rendered.TryGetValue(key, out var html))
        {
            return html;
        }
        var engine = HttpContext.RequestServices.GetRequiredService<ICompositeViewEngine>();
        var found = engine.FindView(ControllerContext, view, isMainPage: false);
        if (!found.Success)
        {
            throw new InvalidOperationException($"View {view} not found.");
        }
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var context = new ViewContext(ControllerContext, found.View, new ViewDataDictionary<RoomPage>(ViewData, page), TempData, writer, new HtmlHelperOptions());
        await found.View.RenderAsync(context);
        return rendered.GetOrAdd(key, writer.ToString());
    }
}

/// <summary>A room or wall page: the snapshot it shows and where its figures lead.</summary>
public sealed record RoomPage(RoomSnapshot Snapshot, bool IsWall)
{
    /// <summary>The live part, as rendered once for this snapshot (the page around it is the viewer's).</summary>
    public IHtmlContent? Live { get; init; }

    public RoomScope Scope => Snapshot.Scope;

    public RoomLinks Links => new(Snapshot.Scope, Snapshot.Today);

    public string Fragment => IsWall ? SupervisionPaths.WallFragmentOf(Scope) : SupervisionPaths.RoomFragmentOf(Scope);

    /// <summary>What the room looks at, most precise first: "Carte d'orpailleur", else the office, the ministry, the nation.</summary>
    public string? ScopeName => Scope.ProcedureTitle ?? Scope.OfficeName ?? Scope.MinistryName;
}

/// <summary>One breakdown table of the room (ministries, offices or procedures): same columns, each line leading to its own room.</summary>
public sealed record BreakdownTable(RoomPage Page, string Id, string Title, string Column, IReadOnlyList<RoomRow> Rows);
