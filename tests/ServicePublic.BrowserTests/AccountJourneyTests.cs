using Microsoft.Playwright;
using ServicePublic.TestSupport;

namespace ServicePublic.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Citizen_SignsUp_ConfirmsTheEmail_AndSignsInForTheFirstTime()
    {
        var page = await browser.NewPhonePageAsync();
        var email = TestAccounts.NewEmail("navigateur");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un compte" }).ClickAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("Nom et prénoms").FillAsync("Ama Kodjo");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Numéro de téléphone").FillAsync("91 23 45 67");
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("trois mots au hasard");
        await page.GetByLabel("Confirmez le mot de passe").FillAsync("trois mots au hasard");
        await page.GetByLabel("J'accepte les conditions").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Confirmez votre compte");
        Assert.Contains(email, await page.Locator("main").InnerTextAsync());

        var link = TestAccounts.LinkIn((await browser.Portal.LatestMessageAsync(email))!);
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Votre adresse e-mail est confirmée");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).First.ClickAsync();

        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("trois mots au hasard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/compte", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mon compte");
        await Assertions.Expect(page.GetByLabel("Nom et prénoms")).ToHaveValueAsync("Ama Kodjo");
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task SignUpMistakes_AreShownNextToTheirFields_WithoutLosingWhatWasTyped()
    {
        var page = await browser.NewPhonePageAsync(javaScript: false);

        await page.GotoAsync("/compte/inscription");
        await page.GetByLabel("Nom et prénoms").FillAsync("Ama Kodjo");
        await page.GetByLabel("Adresse e-mail").FillAsync("ama@exemple.tg");
        await page.GetByLabel("Numéro de téléphone").FillAsync("123");
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("trois mots au hasard");
        await page.GetByLabel("Confirmez le mot de passe").FillAsync("trois mots au hasard");
        await page.GetByLabel("J'accepte les conditions").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-valmsg-for=Phone]")).ToContainTextAsync("Numéro non reconnu");
        await Assertions.Expect(page.GetByLabel("Nom et prénoms")).ToHaveValueAsync("Ama Kodjo");
        await Assertions.Expect(page.GetByLabel("Adresse e-mail")).ToHaveValueAsync("ama@exemple.tg");
        await Assertions.Expect(page.GetByLabel("J'accepte les conditions")).ToBeCheckedAsync();
    }
}
