using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ServicePublic.UnitTests;

/// <summary>Every French UI string written in a view has its English translation.</summary>
public sealed partial class EnglishStringsTests
{
    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"[,\]]""")]
    private static partial Regex LocalizedKey();

    [Fact]
    public void EveryViewString_HasAnEnglishTranslation()
    {
        var web = Path.Combine(FindRepositoryRoot(), "src", "ServicePublic.Web");
        var translated = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));
        var keys = Directory.EnumerateFiles(Path.Combine(web, "Views"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => LocalizedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(keys);
        var missing = keys.Where(k => string.IsNullOrWhiteSpace(translated.GetValueOrDefault(k.Key))).Select(k => $"{k.File}: {k.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing));
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServicePublic.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("ServicePublic.sln not found above the test binaries.");
    }
}
