using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// Each snapshot's live part (the room's or the wall's), rendered once per language: fifty wall
/// screens shown a change cost one rendering, not fifty. It holds nothing of the viewer (rights are
/// checked before, and every viewer of a scope sees the same figures), and goes with its snapshot.
/// </summary>
internal static class RoomFragments
{
    private static readonly ConditionalWeakTable<RoomSnapshot, ConcurrentDictionary<string, Lazy<Task<string>>>> Rendered = [];

    /// <summary>
    /// The live part of <paramref name="page"/>, rendered by the first viewer to ask (with its
    /// controller's context) while the others of the same snapshot and language wait for it.
    /// </summary>
    public static Task<string> RenderAsync(Controller controller, RoomPage page)
    {
        var view = page.IsWall ? "_WallLive" : "_RoomLive";
        var rendered = Rendered.GetValue(page.Snapshot, _ => new ConcurrentDictionary<string, Lazy<Task<string>>>());
        var key = $"{view}/{CultureInfo.CurrentUICulture.Name}";
        var once = rendered.GetOrAdd(key, _ => new Lazy<Task<string>>(() => RenderViewAsync(controller, view, page)));
        if (once.Value.IsFaulted)
        {
            // A failed rendering is not kept: the next viewer tries again.
            rendered.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, once));
        }
        return once.Value;
    }

    private static async Task<string> RenderViewAsync(Controller controller, string view, RoomPage page)
    {
        var engine = controller.HttpContext.RequestServices.GetRequiredService<ICompositeViewEngine>();
        var found = engine.FindView(controller.ControllerContext, view, isMainPage: false);
        if (!found.Success)
        {
            throw new InvalidOperationException($"View {view} not found.");
        }
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var context = new ViewContext(controller.ControllerContext, found.View, new ViewDataDictionary<RoomPage>(controller.ViewData, page),
            controller.TempData, writer, new HtmlHelperOptions());
        await found.View.RenderAsync(context);
        return writer.ToString();
    }
}
