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
        if (overflow)
        {
            // Which elements stick out, so that the failure says where to look.
            var wide = await page.EvaluateAsync<string[]>("""
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right))
                """);
            Assert.Fail($"{page.Url} scrolls sideways on a 360 px screen: {string.Join(", ", wide)}");
        }
    }
}
