using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.BrowserTests;

/// <summary>A business representative on a phone, as issue 16 found them: the header, yes/no questions, conditional fields.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhonePagesTests(BrowserFixture browser)
{
    private static readonly int[] Widths = [320, 360, 768, 1280, 1440];

    [Fact]
    public async Task BusinessDraft_FitsEveryWidth_AndItsHeaderNamesTheBusinessInsteadOfTheSwitch()
    {
        var (business, page) = await RepresentativeAsync();
        var draft = await browser.Portal.FileAsync(page.User, "carte-importateur", submit: false, businessId: business.Id);

        await page.Page.GotoAsync($"/demandes/brouillons/{draft.Id}");
        foreach (var width in Widths)
        {
            await page.Page.SetViewportSizeAsync(width, 740);
            await PageChecks.AssertFitsThePhoneAsync(page.Page);
        }
        await Assertions.Expect(page.Page.Locator("header #acting-request")).ToHaveTextAsync($"Cette demande est pour : {business.Name} (NIF {business.Nif})");
        Assert.Equal(0, await page.Page.Locator("header select").CountAsync());

        // Elsewhere the switch is there, and fits as well: the demo company's name once took 113 px more than the phone.
        await page.Page.GotoAsync("/demandes");
        foreach (var width in Widths)
        {
            await page.Page.SetViewportSizeAsync(width, 740);
            await PageChecks.AssertFitsThePhoneAsync(page.Page);
        }
        await page.Page.SetViewportSizeAsync(360, 740);
        await page.Page.GetByLabel("J'agis pour").SelectOptionAsync(new SelectOptionValue { Label = $"{business.Name} (NIF {business.Nif})" });
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Changer" }).ClickAsync();
        await Assertions.Expect(page.Page.GetByLabel("J'agis pour")).ToHaveValueAsync(business.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await PageChecks.AssertAccessibleAsync(page.Page);
    }

    private sealed record SignedIn(ApplicationUser User, IPage Page);

    /// <summary>A citizen who owns the demo company, signed in on a phone.</summary>
    private async Task<(Business Business, SignedIn Page)> RepresentativeAsync()
    {
        var user = await browser.Portal.CreateAsync();
        var business = await browser.Portal.CreateBusinessAsync(user);
        var page = await browser.NewPhonePageAsync();
        await SignInAsync(page, user, "/demandes");
        return (business, new SignedIn(user, page));
    }

    private static async Task SignInAsync(IPage page, ApplicationUser user, string url)
    {
        await page.GotoAsync("/compte/connexion?returnUrl=" + Uri.EscapeDataString(url));
        await page.GetByLabel("Adresse e-mail").FillAsync(user.Email!);
        await page.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).PathAndQuery == url, new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
    }
}
