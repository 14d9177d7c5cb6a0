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

    [Fact]
    public async Task EveryRadioAndCheckbox_HasItsLabelBesideIt_OnAPhoneAndADesktop()
    {
        var (business, page) = await RepresentativeAsync();
        var draft = await browser.Portal.FileAsync(page.User, "carte-importateur", submit: false, businessId: business.Id);
        var due = await browser.Portal.FileAsync(page.User, "carte-importateur", feeDue: true, businessId: business.Id);

        foreach (var url in new[] { $"/demandes/brouillons/{draft.Id}", "/demarches/carte-importateur/demarrer", $"/demandes/{due.TrackingNumber}/paiement" })
        {
            await page.Page.GotoAsync(url);
            foreach (var width in new[] { 360, 1280 })
            {
                await page.Page.SetViewportSizeAsync(width, 740);
                await PageChecks.AssertChoicesLabelledAsync(page.Page);
            }
        }

        var visitor = await browser.NewPhonePageAsync();
        foreach (var url in new[] { "/compte/connexion", "/compte/inscription" })
        {
            await visitor.GotoAsync(url);
            await PageChecks.AssertChoicesLabelledAsync(visitor);
        }

        // The yes/no question the issue showed as two bare circles: "Oui" and "Non" beside their buttons, and a tap on the word answers.
        await page.Page.GotoAsync($"/demandes/brouillons/{draft.Id}");
        await page.Page.SetViewportSizeAsync(360, 740);
        await page.Page.GetByText("Non", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#f-renouvellement-non")).ToBeCheckedAsync();
        await PageChecks.AssertAccessibleAsync(page.Page);
    }

    [Fact]
    public async Task ClerksCorrectionCheckboxes_HaveTheirLabelsBesideThem()
    {
        var applicant = await browser.Portal.CreateAsync();
        var clerk = await browser.Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MCIC", twoFactor: true);
        var request = await browser.Portal.FileAsync(applicant, "carte-importateur", afterSubmit: r => r.StartReview(clerk.Id, DateTimeOffset.UtcNow));
        var page = await browser.SignedInAsync(clerk, $"/agent/demandes/{request.TrackingNumber}");

        await page.Locator("summary", new() { HasText = "Demander un complément" }).ClickAsync();
        foreach (var width in new[] { 360, 1280 })
        {
            await page.SetViewportSizeAsync(width, 740);
            await PageChecks.AssertChoicesLabelledAsync(page);
            await PageChecks.AssertFitsThePhoneAsync(page);
        }
    }

    private sealed record SignedIn(ApplicationUser User, IPage Page);

    /// <summary>A citizen who owns the demo company, signed in on a phone.</summary>
    private async Task<(Business Business, SignedIn Page)> RepresentativeAsync()
    {
        var user = await browser.Portal.CreateAsync();
        var business = await browser.Portal.CreateBusinessAsync(user);
        var page = await browser.NewPhonePageAsync();
        await page.SignInApplicantAsync(user, "/demandes");
        return (business, new SignedIn(user, page));
    }
}
