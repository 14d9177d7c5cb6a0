using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class FilingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Citizen_FilesTheImporterCard_WithItsDocuments_PaysInTheSandbox_GetsTheReceipt_ThenAnswersACorrection()
    {
        var user = await browser.Portal.CreateAsync();
        var pdf = Path.Combine(Path.GetTempPath(), $"piece-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, Multipart.SmallPdf);
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync("/demarches/carte-importateur");
        await page.GetByRole(AriaRole.Link, new() { Name = "Faire la démarche en ligne" }).ClickAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(user.Email!);
        await page.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await page.GetByLabel("Pour moi-même").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer" }).ClickAsync();
        await page.Locator("#f-activite-principale").FillAsync("Import de pièces détachées");
        await page.Locator("#f-produits-importes").FillAsync("Pneumatiques");
        await page.Locator("#f-pays-origine").FillAsync("Chine");
        await page.Locator("#f-volume-annuel-fcfa").FillAsync("12 000 000");
        await page.Locator("#f-renouvellement-non").CheckAsync();
        foreach (var input in await page.Locator("input[type=file]").AllAsync())
        {
            await input.SetInputFilesAsync(pdf);
        }
        await page.Locator("#f-attestation").CheckAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("25 000 FCFA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();

        // The fee: T-Money from the phone, confirmed in the sandbox standing for the phone's prompt.
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Payez les frais");
        var trackingNumber = page.Url.Split('/')[^2];
        Assert.Matches(@"^TG-\d{4}-\d{8}$", trackingNumber);
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("T-Money (Togocel)").CheckAsync();
        await page.GetByLabel("Numéro de téléphone du compte mobile money").FillAsync("90 12 34 56");
        await page.GetByRole(AriaRole.Button, new() { Name = "Payer 25 000 FCFA" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Bac à sable : aucun argent réel.");
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approuver le paiement" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Paiement reçu : 25 000 FCFA.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir le reçu" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Reçu de paiement n° RC-");
        await Assertions.Expect(page.Locator("img.qr")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.GotoAsync($"/demandes/{trackingNumber}");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Déposée");

        // A clerk asks for a new photo (the back office comes with a later issue: set up here).
        var clerk = await browser.Portal.CreateAsync(roles: [ServicePublic.Web.Domain.Accounts.Roles.Agent], ministryCode: "MCIC");
        await using (var scope = browser.Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var request = await db.Requests.SingleAsync(r => r.TrackingNumber == trackingNumber);
            request.StartReview(clerk.Id, DateTimeOffset.UtcNow);
            request.AskForCorrection(clerk.Id, ["piece-deux-photos-d-identite-recentes"], "Les photos sont floues.", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Les photos sont floues.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Apporter les corrections" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .notice.warn")).ToContainTextAsync("Les photos sont floues.");
        Assert.True(await page.Locator("#f-activite-principale").IsDisabledAsync());
        await page.Locator("#f-piece-deux-photos-d-identite-recentes").SetInputFilesAsync(pdf);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer les corrections" }).ClickAsync();

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Vos corrections sont envoyées");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("En cours d'instruction");
        await PageChecks.AssertAccessibleAsync(page);
    }
}
