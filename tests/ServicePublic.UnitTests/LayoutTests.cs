using Microsoft.AspNetCore.Mvc;

namespace ServicePublic.UnitTests;

/// <summary>One feature, one folder: the view location expander relies on where files sit.</summary>
public sealed class LayoutTests
{
    private const string FeaturesNamespace = "ServicePublic.Web.Features.";

    [Fact]
    public void EveryController_SitsInTheFeatureFolderItsNamespaceNames()
    {
        var controllers = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();

        Assert.True(controllers.Count >= 30);
        var misplaced = controllers
            .Where(t => t.Namespace is not { } ns || !ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal)
                || !File.Exists(Path.Combine(RepositoryFiles.Web, "Features", Path.Combine(ns[FeaturesNamespace.Length..].Split('.')), t.Name + ".cs")))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(misplaced);
    }

    [Fact]
    public void EveryFeatureView_SitsBesideAController()
    {
        var views = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Web, "Features"), "*.cshtml", SearchOption.AllDirectories).ToList();

        Assert.True(views.Count >= 50);
        var orphans = views.Where(v => !Directory.EnumerateFiles(Path.GetDirectoryName(v)!, "*Controller.cs").Any()).ToList();
        Assert.Empty(orphans);
    }

    [Fact]
    public void ViewsFolder_KeepsOnlyTheLayoutAndSharedPartials()
    {
        var views = Path.Combine(RepositoryFiles.Web, "Views");

        Assert.Equal(["Shared"], Directory.GetDirectories(views).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(views));
        Assert.All(Directory.GetFiles(Path.Combine(views, "Shared"), "*.cshtml"), f => Assert.StartsWith("_", Path.GetFileName(f)));
    }
}
