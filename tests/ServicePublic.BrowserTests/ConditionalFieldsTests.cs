using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.BrowserTests;

/// <summary>
/// The importer card asks for the previous card's number only for a renewal: js/conditions.js hides
/// the question while the answer is not "oui"; without JavaScript it stays, saying when to fill it in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConditionalFieldsTests(BrowserFixture browser)
{
    private const string Previous = "#f-numero-carte-precedente";

    [Fact]
    public async Task OnTheDraft_TheFieldHidesAndShows_AsTheAnswerChanges_AndAHiddenOneIsNotSent()
    {
        var (user, page) = await ApplicantAsync(javaScript: true);
        var draft = await browser.Portal.FileAsync(user, "carte-importateur", submit: false);
        await page.GotoAsync($"/demandes/brouillons/{draft.Id}");
        var previous = page.Locator(Previous);

        await Assertions.Expect(previous).ToBeHiddenAsync();
        await page.Locator("#f-renouvellement-oui").CheckAsync();
        await Assertions.Expect(previous).ToBeVisibleAsync();
        await previous.FillAsync("CI-2024-0042");
        await page.Locator("#f-renouvellement-non").CheckAsync();
        await Assertions.Expect(previous).ToBeHiddenAsync();
        await Assertions.Expect(previous).ToBeDisabledAsync();
        await page.Locator("#f-renouvellement-oui").CheckAsync();
        await Assertions.Expect(previous).ToBeEnabledAsync();
        await Assertions.Expect(previous).ToHaveValueAsync("CI-2024-0042");
        await PageChecks.AssertAccessibleAsync(page);

        // Saved with "oui", the page comes back with the field shown; saved with "non", its answer is not kept.
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Brouillon enregistré.");
        await Assertions.Expect(previous).ToHaveValueAsync("CI-2024-0042");
        await page.Locator("#f-renouvellement-non").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Brouillon enregistré.");
        await Assertions.Expect(previous).ToBeHiddenAsync();
        Assert.Null((await browser.Portal.RequestAsync(draft.Id)).Answers.GetValueOrDefault("numero-carte-precedente"));
    }

    [Fact]
    public async Task OnTheDraft_WithoutJavaScript_TheFieldStaysWithItsNote()
    {
        var (user, page) = await ApplicantAsync(javaScript: false);
        var draft = await browser.Portal.FileAsync(user, "carte-importateur", submit: false);
        await page.GotoAsync($"/demandes/brouillons/{draft.Id}");

        var field = page.Locator(".field", new() { Has = page.Locator(Previous) });
        await page.Locator("#f-renouvellement-non").CheckAsync();
        await Assertions.Expect(field).ToBeVisibleAsync();
        await Assertions.Expect(field.Locator(".help")).ToHaveTextAsync("À remplir seulement si « S'agit-il d'un renouvellement ? » est « oui ».");
        await Assertions.Expect(page.Locator(Previous)).ToBeEnabledAsync();
    }

    [Fact]
    public async Task OnTheBuildersPreview_TheFieldFollowsTheAnswer_WithJavaScript_AndAfterUpdatingWithout()
    {
        var editor = await browser.Portal.CreateAsync(roles: [Roles.Editor], twoFactor: true, ministryCode: "MCIC");
        const string url = "/edition/demarches/carte-importateur/apercu";
        var live = await browser.SignedInAsync(editor, url);
        var still = await browser.NewPhonePageAsync(javaScript: false);
        await browser.SignInAsync(still, editor, url);

        await Assertions.Expect(live.Locator(Previous)).ToBeHiddenAsync();
        await live.Locator("#f-renouvellement-oui").CheckAsync();
        await Assertions.Expect(live.Locator(Previous)).ToBeVisibleAsync();

        await Assertions.Expect(still.Locator(Previous)).ToBeHiddenAsync();
        await still.Locator("#f-renouvellement-oui").CheckAsync();
        await Assertions.Expect(still.Locator(Previous)).ToBeHiddenAsync();
        await still.GetByRole(AriaRole.Button, new() { Name = "Mettre à jour l'aperçu" }).ClickAsync();
        await Assertions.Expect(still.Locator(Previous)).ToBeVisibleAsync();
    }

    private async Task<(ApplicationUser User, IPage Page)> ApplicantAsync(bool javaScript)
    {
        var user = await browser.Portal.CreateAsync();
        var page = await browser.NewPhonePageAsync(javaScript);
        await page.SignInApplicantAsync(user, "/demandes");
        return (user, page);
    }
}
