using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.BrowserTests;

/// <summary>
/// Every kind of user walks the portal as it is linked, not from a list of addresses: from the
/// page they land on, every link of the header, the menu and the page's content is followed (one
/// page of each kind: one procedure, one request…), at 360 and at 1 280 px. Each page must fit
/// the screen, show each radio button's and checkbox's label beside it, and pass axe with no
/// serious or critical violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SiteCrawlTests(BrowserFixture browser)
{
    /// <summary>How many kinds of page one user visits at most (the catalogue alone has 130 procedures: one is enough).</summary>
    private const int MaxPages = 40;

    private static readonly int[] Widths = [360, 1280];

    public static TheoryData<string> Users() => ["visitor", "citizen", "business representative", "clerk", "supervisor", "administrator"];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task EveryPageAUserCanReach_FitsPhoneAndDesktop_WithLabelledChoices_AndNoSeriousAccessibilityFault(string who)
    {
        var (page, start) = await SignedInAsync(who);
        var failures = new List<string>();
        var visited = new List<string>();
        var shapes = new HashSet<string> { Shape(start) };
        var queue = new Queue<string>([start]);
        while (queue.Count > 0 && visited.Count < MaxPages)
        {
            var url = queue.Dequeue();
            await page.SetViewportSizeAsync(Widths[0], 740);
            var response = await page.GotoAsync(url);
            visited.Add(url);
            if (response is null || response.Status != 200)
            {
                failures.Add($"{url}: {response?.Status} (linked from a page {who} can see)");
                continue;
            }
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 740);
                failures.AddRange(await ProblemsAsync(page, width));
            }
            foreach (var link in await LinksAsync(page))
            {
                if (shapes.Add(Shape(link)))
                {
                    queue.Enqueue(link);
                }
            }
        }

        Assert.True(visited.Count >= MinimumPages(who), $"{who} reached only {visited.Count} pages: {string.Join(", ", visited)}");
        Assert.True(failures.Count == 0, $"{who}, {visited.Count} pages visited, {failures.Count} problem(s):\n{string.Join("\n", failures)}");
    }

    /// <summary>
    /// What is wrong with the page as shown at <paramref name="width"/>: sideways scrolling, a
    /// choice without its label beside it and, on the phone, serious accessibility faults (axe's
    /// rules look at colours, names and structure, which do not change with the width).
    /// </summary>
    private static async Task<IEnumerable<string>> ProblemsAsync(IPage page, int width)
    {
        var checks = new List<Func<IPage, Task>> { PageChecks.AssertFitsThePhoneAsync, PageChecks.AssertChoicesLabelledAsync };
        if (width == Widths[0])
        {
            checks.Add(PageChecks.AssertAccessibleAsync);
        }
        var problems = new List<string>();
        foreach (var check in checks)
        {
            try
            {
                await check(page);
            }
            catch (Xunit.Sdk.XunitException fault)
            {
                problems.Add(fault.Message.Replace('\n', ' '));
            }
        }
        return problems;
    }

    /// <summary>The same-origin pages linked from the header, the menu and the content; not sign-out, downloads, feeds, development pages or the language switch.</summary>
    private static async Task<IEnumerable<string>> LinksAsync(IPage page)
    {
        var root = new Uri(page.Url);
        var hrefs = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('header a[href], nav a[href], main a[href]')].map(a => a.href)");
        return hrefs.Select(h => Uri.TryCreate(h, UriKind.Absolute, out var uri) ? uri : null)
            .Where(u => u is not null && u.Scheme == root.Scheme && u.Authority == root.Authority)
            .Select(u => u!.PathAndQuery)
            .Where(path => !Excluded().IsMatch(path))
            .Distinct();
    }

    /// <summary>Downloads (CSV, JSON, PDF, attached files, my data, the public key), the live feed, the wall screen for a TV, development pages, sign-out and the language switch.</summary>
    [GeneratedRegex(@"(\.csv|\.json|\.pdf|/documents/|/document$|/donnees$|cle-publique|/flux|/mur|^/dev/|^/api/|/deconnexion|^/langue|/export)", RegexOptions.IgnoreCase)]
    private static partial Regex Excluded();

    /// <summary>
    /// A page's kind: identifiers (anything with a digit, a procedure's slug, codes, ids) become "*" and a
    /// query keeps its names, not its values. "/demandes/TG-2026-00000012" and
    /// "/demandes/TG-2026-00000013" are one kind of page.
    /// </summary>
    private static string Shape(string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        var path = parts[0].Split('/');
        var segments = path.Select((s, i) => i > 1 && (Identifier().IsMatch(s) || path[i - 1] is "demarches" or "formulaire") ? "*" : s);
        var query = parts.Length > 1 ? string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Order()) : "";
        return string.Join('/', segments) + "?" + query;
    }

    [GeneratedRegex(@"\d|^[a-z]+(-[a-z]+){2,}$|^[A-Z0-9]{2,}$|^[0-9a-f-]{36}$")]
    private static partial Regex Identifier();

    private static int MinimumPages(string who) => who == "visitor" ? 8 : 12;

    /// <summary>A browser signed in as <paramref name="who"/>, with something of its own to look at, and where it lands.</summary>
    private async Task<(IPage Page, string Start)> SignedInAsync(string who)
    {
        var portal = browser.Portal;
        var page = await browser.NewPhonePageAsync();
        switch (who)
        {
            case "visitor":
                return (page, "/");
            case "citizen":
            case "business representative":
            {
                var user = await portal.CreateAsync(phone: TestAccounts.NewPhone());
                int? businessId = who == "citizen" ? null : await BusinessAsync(user);
                await portal.FileAsync(user, "carte-importateur", businessId: businessId);
                await portal.FileAsync(user, "carte-importateur", submit: false, businessId: businessId);
                await portal.FileAsync(user, "passeport-ordinaire", feeDue: true);
                await page.GotoAsync("/compte/connexion?returnUrl=%2Fdemandes");
                await page.GetByLabel("Adresse e-mail").FillAsync(user.Email!);
                await page.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
                await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/demandes");
                if (businessId is not null)
                {
                    // As the business: the header's switch says so.
                    await page.Locator("#acting-as").SelectOptionAsync(businessId.Value.ToString(CultureInfo.InvariantCulture));
                    await page.Locator("form.acting button[type=submit]").ClickAsync();
                }
                return (page, "/demandes");
            }
            default:
            {
                var role = who switch { "clerk" => Roles.Agent, "supervisor" => Roles.Supervisor, _ => Roles.Administrator };
                var staff = await portal.CreateAsync(roles: [role], twoFactor: true, ministryCode: "MCIC");
                var applicant = await portal.CreateAsync();
                await portal.FileAsync(applicant, "carte-importateur");
                var start = role == Roles.Administrator ? "/admin/utilisateurs" : "/agent";
                await browser.SignInAsync(page, staff, start);
                return (page, start);
            }
        }
    }

    private async Task<int> BusinessAsync(ApplicationUser owner)
    {
        await using var scope = browser.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var nif = Random.Shared.NextInt64(1_000_000_000, 1_999_999_999).ToString(CultureInfo.InvariantCulture);
        var business = new Business("Société Demo Import-Export SARL", "SARL", nif, $"TG-LFW-01-2024-B12-{nif[^5..]}", "Boulevard du 13 janvier, Lomé", owner.Id, DateTimeOffset.UtcNow);
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        return business.Id;
    }
}
