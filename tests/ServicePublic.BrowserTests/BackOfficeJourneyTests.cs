using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class BackOfficeJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task AClerkWithTotp_ApprovesARequest_TheCitizenGetsTheDocument_AndAVisitorVerifiesIt()
    {
        var citizen = await browser.Portal.CreateAsync();
        // A birth declaration: free, handled by the Territorial Administration ministry.
        var request = await browser.Portal.FileAsync(citizen, "declaration-de-naissance");
        var clerk = await browser.Portal.CreateAsync(roles: [Roles.Agent], twoFactor: true, ministryCode: "MATDCL");
        var key = await browser.Portal.AuthenticatorKeyAsync(clerk);

        // The clerk signs in with password and authenticator code, finds the request and decides.
        var office = await browser.NewPhonePageAsync();
        await office.GotoAsync("/compte/connexion?returnUrl=%2Fagent");
        await office.GetByLabel("Adresse e-mail").FillAsync(clerk.Email!);
        await office.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
        await office.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await office.Locator("form#two-factor #Code").FillAsync(TestAccounts.TotpCode(key));
        await office.Locator("form#two-factor button[type=submit]").ClickAsync();
        await office.GotoAsync("/agent");
        await office.GetByLabel("Numéro de suivi ou demandeur").FillAsync(request.TrackingNumber!);
        await office.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await PageChecks.AssertAccessibleAsync(office);
        await office.GetByRole(AriaRole.Link, new() { Name = request.TrackingNumber! }).ClickAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "Prendre cette demande" }).ClickAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "Commencer l'instruction" }).ClickAsync();
        await Assertions.Expect(office.Locator(".facts")).ToContainTextAsync("En cours d'instruction");
        await PageChecks.AssertAccessibleAsync(office);
        await office.Locator("summary", new() { HasText = "Approuver" }).ClickAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "Approuver la demande" }).ClickAsync();
        await Assertions.Expect(office.Locator("main")).ToContainTextAsync("Document délivré");

        // The citizen sees the decision and downloads the document.
        var home = await browser.NewPhonePageAsync();
        await home.GotoAsync($"/compte/connexion?returnUrl=%2Fdemandes%2F{request.TrackingNumber}");
        await home.GetByLabel("Adresse e-mail").FillAsync(citizen.Email!);
        await home.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
        await home.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(home.Locator(".facts")).ToContainTextAsync("Acceptée");
        await home.GetByRole(AriaRole.Link, new() { Name = "Voir le document" }).ClickAsync();
        var code = (await home.Locator("#verification-code").InnerTextAsync()).Trim();
        await PageChecks.AssertAccessibleAsync(home);
        var download = await home.RunAndWaitForDownloadAsync(() => home.GotoAsync($"/demandes/{request.TrackingNumber}/document.pdf").ContinueWith(_ => { }));
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);

        // Anyone checks the code, without an account.
        var visitor = await browser.NewPhonePageAsync();
        await visitor.GotoAsync("/verifier");
        await visitor.Locator("#code").FillAsync(code);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("#verdict")).ToContainTextAsync("Document valide");
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync("Afi Mensah");
        await PageChecks.AssertAccessibleAsync(visitor);
    }
}
