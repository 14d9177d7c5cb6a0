using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ServicePublic.UnitTests;

/// <summary>
/// Every French UI string has its English translation: those written in views, and the messages
/// that code shows to users (validators, errors, notices), which are translated by key.
/// </summary>
public sealed partial class EnglishStringsTests
{
    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"[,\]]""")]
    private static partial Regex ViewKey();

    [GeneratedRegex(""""(?:WithMessage\(|AddError\([^,"]+,\s*|\bl\[|localizer\[|TempData\["Notice"\] = |BusinessRuleException\(|const string \w*Message = |\? |: )"((?:[^"\\]|\\.)*[a-zà-ÿ][^"]*[.:!?])"""")]
    private static partial Regex CodeMessage();

    [Fact]
    public void EveryUserFacingString_HasAnEnglishTranslation()
    {
        var web = RepositoryFiles.Web;
        var translated = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));
        // Views sit beside their controllers (Features/) and in Views/Shared: every .cshtml of the project.
        var views = new[] { "Features", "Views" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(web, folder), "*.cshtml", SearchOption.AllDirectories))
            .ToList();
        Assert.Contains(views, f => f.Contains($"Features{Path.DirectorySeparatorChar}Requests", StringComparison.Ordinal));
        var fromViews = views
            .SelectMany(f => ViewKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)));
        var fromCode = Directory.EnumerateFiles(Path.Combine(web, "Features"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(web, "Domain"), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(web, "Infrastructure"), "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => CodeMessage().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(k => !k.File.StartsWith("AccountMessages", StringComparison.Ordinal)); // emails and SMS are French only
        var keys = fromViews.Concat(fromCode).ToList();

        Assert.NotEmpty(keys);
        var missing = keys.Where(k => string.IsNullOrWhiteSpace(translated.GetValueOrDefault(k.Key))).Select(k => $"{k.File}: {k.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, $"No English for {missing.Count} strings:\n" + string.Join("\n", missing));
    }
}
