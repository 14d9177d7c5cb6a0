using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using Xunit.Abstractions;

namespace ServicePublic.BrowserTests;

/// <summary>
/// Every kind of user walks the portal as it is linked, not from a list of addresses: from the
/// page they land on, every link of the header, the menu and the page's content is followed (one
/// page of each kind: one procedure, one request…), at 360 and at 1 280 px. Each page must fit
/// the screen, show each radio button's and checkbox's label beside it, and pass axe with no
/// serious or critical violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SiteCrawlTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>How many kinds of page one user visits at most (the catalogue alone has 130 procedures: one is enough).</summary>
    private const int MaxPages = 40;

    private static readonly int[] Widths = [360, 1280];

    // axe's rules look at what a page says and how (names, contrast, structure), the same for every
    // user who reaches that kind of page: checked once per kind in a run, while the fit and the
    // labels are checked on every page of every user (the header is theirs). Each user's first
    // page always goes through axe.
    private static readonly HashSet<string> AxeChecked = [];

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
            var watch = Stopwatch.StartNew();
            await page.SetViewportSizeAsync(Widths[0], 740);
            var response = await page.GotoAsync(url);
            visited.Add(url);
            if (response is null || response.Status != 200)
            {
                failures.Add($"{url}: {response?.Status} (linked from a page {who} can see)");
                continue;
            }
            bool axe;
            lock (AxeChecked)
            {
                axe = AxeChecked.Add(Shape(url)) || url == start;
            }
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 740);
                failures.AddRange(await ProblemsAsync(page, axe && width == Widths[0]));
            }
            output.WriteLine($"{watch.ElapsedMilliseconds,6} ms  {url}");
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

    /// <summary>What is wrong with the page as shown: sideways scrolling, a choice without its label beside it and, with <paramref name="axe"/>, serious accessibility faults.</summary>
    private static async Task<IEnumerable<string>> ProblemsAsync(IPage page, bool axe)
    {
        var checks = new List<Func<IPage, Task>> { PageChecks.AssertFitsThePhoneAsync, PageChecks.AssertChoicesLabelledAsync };
        if (axe)
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
    /// A page's kind: identifiers (anything with a digit, a procedure's slug, codes, ids) become
    /// "*", and the query is dropped (a filter or a page number shows the same template).
    /// "/demandes/TG-2026-00000012" and "/demandes/TG-2026-00000013?x=1" are one kind of page.
    /// </summary>
    private static string Shape(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?', 2)[0].Split('/');
        return string.Join('/', path.Select((s, i) => i > 1 && (Identifier().IsMatch(s) || (path[i - 1] is "demarches" or "formulaire" && s != "nouvelle")) ? "*" : s));
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
                var business = who == "citizen" ? null : await portal.CreateBusinessAsync(user);
                await portal.FileAsync(user, "carte-importateur", businessId: business?.Id);
                await portal.FileAsync(user, "carte-importateur", submit: false, businessId: business?.Id);
                await portal.FileAsync(user, "passeport-ordinaire", feeDue: true);
                await page.SignInApplicantAsync(user, "/demandes");
                if (business is not null)
                {
                    // As the business, chosen with the header's switch: the one that once made every page wider than a phone.
                    await page.GetByLabel("J'agis pour").SelectOptionAsync(business.Id.ToString(CultureInfo.InvariantCulture));
                    await page.GetByRole(AriaRole.Button, new() { Name = "Changer" }).ClickAsync();
                    await Assertions.Expect(page.GetByLabel("J'agis pour")).ToHaveValueAsync(business.Id.ToString(CultureInfo.InvariantCulture));
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
}
