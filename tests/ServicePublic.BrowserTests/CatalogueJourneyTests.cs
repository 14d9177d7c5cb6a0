using Microsoft.Playwright;

namespace ServicePublic.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CatalogueJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Visitor_FindsTheImporterCard_FromHomeBySearch_OnAPhone()
    {
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync("/");
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("Rechercher une démarche").FillAsync("carte importateur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/demarches?q=carte+importateur", StringComparison.Ordinal));
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Carte d'importateur", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/demarches/carte-importateur");
        Assert.Equal("Carte d'importateur", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("table.fees").IsVisibleAsync());
        Assert.Contains("FCFA", await page.Locator("table.fees").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Faire la démarche en ligne" }).IsVisibleAsync());
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsThePhoneAsync(page);
    }

    [Fact]
    public async Task Visitor_FiltersTheCatalogue_WithoutJavaScript()
    {
        var page = await browser.NewPhonePageAsync(javaScript: false);

        await page.GotoAsync("/demarches");
        await page.SelectOptionAsync("#ministere", "MDERM");
        await page.SelectOptionAsync("#public", "entreprises");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("ministere=MDERM", StringComparison.Ordinal));
        var metas = await page.Locator(".cards .card .meta").AllInnerTextsAsync();
        Assert.NotEmpty(metas);
        Assert.All(metas, m => Assert.Contains("MDERM", m));
    }

    [Fact]
    public async Task Visitor_SwitchesToEnglish_AndTheChoiceSticks()
    {
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync("/demarches/passeport-ordinaire");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/demarches/passeport-ordinaire", StringComparison.Ordinal));
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Documents to provide" }).IsVisibleAsync());
        await page.GotoAsync("/");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await PageChecks.AssertAccessibleAsync(page);
    }
}
