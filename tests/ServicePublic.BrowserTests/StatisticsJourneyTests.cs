using Microsoft.Playwright;

namespace ServicePublic.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class StatisticsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Visitor_GoesDownFromTheNationToAProcedure_AndBackUp_OnAPhone()
    {
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync("/");
        await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Statistiques" }).ClickAsync();
        await page.WaitForURLAsync("**/statistiques");
        Assert.True(await page.GetByRole(AriaRole.Img, new() { Name = "Demandes déposées et décidées par mois" }).IsVisibleAsync());
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsThePhoneAsync(page);

        await page.Locator("#par-ministere").GetByRole(AriaRole.Link, new() { Name = "Énergie et des Ressources minières" }).ClickAsync();
        await page.WaitForURLAsync("**/statistiques/MDERM");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsThePhoneAsync(page);

        await page.Locator("#par-demarche").GetByRole(AriaRole.Link, new() { Name = "Carte d'orpailleur", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/statistiques/demarches/carte-orpailleur");
        Assert.Equal("moins de 20 demandes : pas de chiffre publié", (await page.Locator("#temps-administration").InnerTextAsync()).Trim());
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsThePhoneAsync(page);

        await page.Locator(".breadcrumb").GetByRole(AriaRole.Link, new() { Name = "Statistiques" }).ClickAsync();
        await page.WaitForURLAsync("**/statistiques");
    }
}
