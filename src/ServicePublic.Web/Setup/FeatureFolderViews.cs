using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace ServicePublic.Web.Setup;

/// <summary>
/// Finds a controller's views in its own folder: a controller in namespace
/// <c>ServicePublic.Web.Features.Payments.Sandbox</c> renders <c>/Features/Payments/Sandbox/{view}.cshtml</c>,
/// so a feature's controller, views and services are read in one place. <c>/Views/Shared</c> keeps
/// the layout and the partials several features use.
/// </summary>
internal sealed class FeatureFolderViews : IViewLocationExpander
{
    private const string FeatureKey = "feature";
    private const string FeaturesNamespace = "ServicePublic.Web.Features.";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        // Part of the view engine's cache key: two features may have views of the same name.
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            && action.ControllerTypeInfo.Namespace is { } ns
            && ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
        {
            context.Values[FeatureKey] = ns[FeaturesNamespace.Length..].Replace('.', '/');
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(FeatureKey, out var feature) && feature is not null)
        {
            yield return $"/Features/{feature}/{{0}}.cshtml";
        }
        yield return "/Views/Shared/{0}.cshtml";
    }
}
