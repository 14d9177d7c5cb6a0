using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace ServicePublic.BrowserTests;

/// <summary>What every page owes a visitor: no serious accessibility fault, no sideways scrolling on a phone.</summary>
internal static class PageChecks
{
    /// <summary>
    /// Runs axe (the engine Deque's package ships) in the page itself and fails on any serious or
    /// critical violation. Not the package's RunAxe: it runs axe frame by frame and opens a blank
    /// page to gather the results, seconds a page on a 2-core machine; our pages have no frames.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }
        var serious = await page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        Assert.True(serious.Length == 0, $"{page.Url}:\n" + string.Join("\n", serious));
    }

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not in Deque.AxeCore.Commons any more");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

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
            Assert.Fail($"{page.Url} scrolls sideways on a {page.ViewportSize?.Width} px screen: {string.Join(", ", wide)}");
        }
    }

    /// <summary>
    /// Each visible radio button and checkbox of the page's main part has a label the user can see
    /// and tap beside it: on the same line, starting right after the control (or holding it), inside
    /// the screen, and not covered by anything. Two bare circles with "Oui" and "Non" off-screen or a
    /// screen's width away were once what a phone showed. A box named by aria-label alone (a table
    /// row's selection) has no label to place.
    /// </summary>
    public static async Task AssertChoicesLabelledAsync(IPage page)
    {
        var faults = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('main input[type=radio], main input[type=checkbox]')]
                .filter(i => i.getClientRects().length && (i.labels.length || !i.hasAttribute('aria-label'))).flatMap(input => {
                input.scrollIntoView({ block: 'center' });
                const c = input.getBoundingClientRect();
                const beside = [...input.labels].some(label => {
                    const r = label.getBoundingClientRect();
                    const sameLine = r.top < c.bottom && r.bottom > c.top;
                    const after = label.contains(input) ? r.right > c.right + 4 : r.left >= c.right - 1 && r.left - c.right <= 24;
                    const onScreen = r.left >= 0 && r.right <= window.innerWidth + 1 && r.width > 0;
                    const hit = document.elementFromPoint(Math.min(r.right - 2, Math.max(r.left, c.right) + 4), (Math.max(r.top, c.top) + Math.min(r.bottom, c.bottom)) / 2);
                    return sameLine && after && onScreen && (hit === input || label.contains(hit));
                });
                return beside ? [] : [`${input.type}#${input.id || input.name}`];
            })
            """);
        Assert.True(faults.Length == 0, $"{page.Url} at {page.ViewportSize?.Width} px: no label beside {string.Join(", ", faults)}");
    }
}
