using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ServicePublic.BrowserTests;

/// <summary>What every page owes a visitor: no serious accessibility fault, no sideways scrolling on a phone.</summary>
internal static class PageChecks
{
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n" + string.Join("\n", serious));
    }

    public static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"{page.Url} scrolls sideways on a 360 px screen");
    }
}
