using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.BrowserTests;

/// <summary>
/// A ministry puts a procedure online without a developer: an editor builds it at a desk, a
/// different publisher reviews and publishes it from a phone, a citizen finds it, files it and pays
/// the fee their answer makes; then the form changes under a filed request and a draft.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProcedureBuilderJourneyTests(BrowserFixture browser)
{
    private const string Title = "Permis de recherche de lithium";
    private const string Slug = "permis-de-recherche-de-lithium";

    [Fact]
    public async Task AnEditorBuildsAProcedure_APublisherPublishesIt_ACitizenFilesAndPays_ThenTheFormChanges()
    {
        var editorUser = await browser.Portal.CreateAsync(roles: [Roles.Editor], twoFactor: true, ministryCode: "MDERM");
        var publisherUser = await browser.Portal.CreateAsync(roles: [Roles.Publisher], twoFactor: true, ministryCode: "MDERM");
        var citizen = await browser.Portal.CreateAsync();
        var editor = await browser.NewDesktopPageAsync();
        await browser.SignInAsync(editor, editorUser, "/edition/demarches");

        // The editor: a new procedure, its sheet, ten questions, a repeatable group, a condition on a date, a fee per km².
        await editor.GetByRole(AriaRole.Link, new() { Name = "Nouvelle démarche" }).ClickAsync();
        await editor.GetByLabel("Titre *").FillAsync(Title);
        await editor.GetByLabel("Catégorie *").SelectOptionAsync("mines-carrieres");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await Assertions.Expect(editor.Locator("h1")).ToHaveTextAsync(Title);
        await editor.GetByRole(AriaRole.Link, new() { Name = "Fiche", Exact = true }).ClickAsync();
        await editor.GetByLabel("Résumé (une phrase) *").FillAsync("Rechercher du lithium sur un périmètre.");
        await editor.GetByLabel("Description *").FillAsync("Le permis de recherche autorise des travaux de prospection de lithium.");
        await editor.GetByLabel("Délai cible (jours) *").FillAsync("60");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();

        await AddAsync(editor, "Texte court", "Nom du gisement", required: true);
        await AddAsync(editor, "Nombre", "Superficie demandée", required: true, then: async () => await editor.GetByLabel("Unité (km², kW…)").FillAsync("km²"));
        await AddAsync(editor, "Date", "Date de la dernière campagne", then: async () => await editor.GetByLabel("Au plus tard").FillAsync("today"));
        await AddAsync(editor, "Texte long", "Motif du retard", then: async () =>
        {
            await editor.Locator("#Conditions-0-FieldKey").SelectOptionAsync("date-de-la-derniere-campagne");
            await editor.Locator("#Conditions-0-Operator").SelectOptionAsync("Before");
            await editor.Locator("#Conditions-0-Value").FillAsync("today-365d");
        });
        await AddAsync(editor, "Choix unique", "Substance recherchée", then: async () => await editor.GetByLabel("Options (une par ligne)").FillAsync("Lithium\nLithium et tantale"));
        await AddAsync(editor, "Oui / non", "Partenaire étranger");
        await AddAsync(editor, "Groupe répétable", "Associés", then: async () => await editor.Locator("#MaxItems").FillAsync("5"));
        await AddAsync(editor, "Texte court", "Nom de l'associé", required: true, then: async () => await editor.GetByLabel("Posée dans le groupe").SelectOptionAsync("associes"));
        await AddAsync(editor, "Téléphone", "Téléphone de l'associé", then: async () => await editor.GetByLabel("Posée dans le groupe").SelectOptionAsync("associes"));
        await AddAsync(editor, "Adresse e-mail", "Adresse e-mail de contact");
        await AddAsync(editor, "RCCM", "Numéro RCCM");
        await PageChecks.AssertAccessibleAsync(editor);
        await editor.GetByRole(AriaRole.Link, new() { Name = "Frais", Exact = true }).ClickAsync();
        await editor.Locator("#fee-0-label").FillAsync("Redevance superficiaire");
        await editor.Locator("#fee-0-kind").SelectOptionAsync("PerUnit");
        await editor.Locator("#fee-0-amount").FillAsync("75000");
        await editor.Locator("#fee-0-unit").FillAsync("km²");
        await editor.Locator("#fee-0-quantity").SelectOptionAsync("superficie-demandee");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(editor.Locator("#checks-ok")).ToBeVisibleAsync();

        // The preview: the fee follows the answer.
        await editor.GetByRole(AriaRole.Link, new() { Name = "Aperçu", Exact = true }).ClickAsync();
        await editor.Locator("#f-superficie-demandee").FillAsync("3");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Mettre à jour l'aperçu" }).ClickAsync();
        await Assertions.Expect(editor.Locator("main")).ToContainTextAsync("225 000 FCFA");
        await PageChecks.AssertAccessibleAsync(editor);

        // A different publisher, on a phone: the diff, then publish.
        var publisher = await browser.NewPhonePageAsync();
        await browser.SignInAsync(publisher, publisherUser, $"/edition/demarches/{Slug}/publication");
        await Assertions.Expect(publisher.Locator("#diff")).ToContainTextAsync("Première publication de la démarche");
        await PageChecks.AssertAccessibleAsync(publisher);
        await publisher.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }).ClickAsync();
        await Assertions.Expect(publisher.Locator("main")).ToContainTextAsync("Démarche publiée");

        // A citizen finds it, files it for two associates, pays 2 km² × 75 000 FCFA.
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync("/demarches?q=lithium");
        await page.GetByRole(AriaRole.Link, new() { Name = Title }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Faire la démarche en ligne" }).ClickAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(citizen.Email!);
        await page.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Pour moi-même").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("À remplir seulement si « Date de la dernière campagne » est avant le");
        await page.Locator("#f-nom-du-gisement").FillAsync("Gisement de Kpémé");
        await page.Locator("#f-superficie-demandee").FillAsync("2");
        await page.Locator("#f-associes").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await page.Locator("#f-nom-de-l-associe-1").FillAsync("Kossi Amedome");
        await page.Locator("#f-nom-de-l-associe-2").FillAsync("Ablavi Kpodar");
        await page.Locator("#f-attestation").CheckAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("150 000 FCFA");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsThePhoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Payez les frais");
        var trackingNumber = page.Url.Split('/')[^2];
        await page.GetByLabel("T-Money (Togocel)").CheckAsync();
        await page.GetByLabel("Numéro de téléphone du compte mobile money").FillAsync("90 12 34 56");
        await page.GetByRole(AriaRole.Button, new() { Name = "Payer 150 000 FCFA" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approuver le paiement" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Paiement reçu : 150 000 FCFA.");

        // A second request left as a draft; then the editor adds a question and the publisher publishes it.
        await page.GotoAsync($"/demarches/{Slug}/demarrer");
        await page.GetByLabel("Pour moi-même").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer" }).ClickAsync();
        await page.Locator("#f-nom-du-gisement").FillAsync("Gisement de Hahotoé");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        var draftUrl = page.Url;
        await AddAsync(editor, "Nombre", "Profondeur prévue", then: async () => await editor.GetByLabel("Unité (km², kW…)").FillAsync("m"));
        await publisher.GotoAsync($"/edition/demarches/{Slug}/publication");
        await Assertions.Expect(publisher.Locator("#diff")).ToContainTextAsync("Profondeur prévue");
        await Assertions.Expect(publisher.Locator("#drafts-to-move")).ToContainTextAsync("1 brouillon(s)");
        await publisher.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }).ClickAsync();
        await Assertions.Expect(publisher.Locator("main")).ToContainTextAsync("Démarche publiée");

        await page.GotoAsync(draftUrl);
        await Assertions.Expect(page.Locator("#what-is-new")).ToContainTextAsync("Nouvelle question : « Profondeur prévue »");
        await Assertions.Expect(page.Locator("#f-nom-du-gisement")).ToHaveValueAsync("Gisement de Hahotoé");
        await Assertions.Expect(page.Locator("#f-profondeur-prevue")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.GotoAsync($"/demandes/{trackingNumber}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Kossi Amedome");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Profondeur prévue");
        await using var scope = browser.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var filed = await db.Requests.Include(r => r.ProcedureVersion).SingleAsync(r => r.TrackingNumber == trackingNumber);
        Assert.Equal((1, RequestStatus.Submitted), (filed.ProcedureVersion.Number, filed.Status));
        Assert.Equal("Ablavi Kpodar", filed.Answers["nom-de-l-associe.2"]);
    }

    /// <summary>Adds a question of <paramref name="type"/> on the form page, then sets it on its own page.</summary>
    private static async Task AddAsync(IPage editor, string type, string label, bool required = false, Func<Task>? then = null)
    {
        await editor.GotoAsync($"/edition/demarches/{Slug}/formulaire");
        await editor.Locator("form#add-field #Type").SelectOptionAsync(new SelectOptionValue { Label = type });
        await editor.Locator("form#add-field #Label").FillAsync(label);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.Locator("h1")).ToContainTextAsync(label);
        if (required)
        {
            await editor.GetByLabel("Obligatoire").CheckAsync();
        }
        if (then is not null)
        {
            await then();
        }
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(editor.Locator("#fields")).ToContainTextAsync(label);
    }
}
