using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;

namespace ServicePublic.IntegrationTests.Catalogue;

[Collection(PortalCollection.Name)]
public sealed class CataloguePagesTests(PortalFixture portal)
{
    private readonly HttpClient _client = portal.CreateClient();

    [Fact]
    public async Task Home_ShowsSearchEntryPointsMinistriesAndMostRequested()
    {
        var page = await _client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("form[action='/demarches'] input[name=q]"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/demarches?public=particuliers']"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/demarches?public=entreprises']"));
        Assert.True(page.Document.QuerySelectorAll(".ministries a").Length >= 12);
        Assert.Equal(8, page.Document.QuerySelectorAll(".cards .card").Length);
        Assert.Contains("Les plus demandées", page.MainText);
    }

    [Fact]
    public async Task Catalogue_ListsEveryProcedure_WithCountAndPagination()
    {
        var total = await QueryAsync(db => db.Procedures.CountAsync());

        var first = await _client.GetPageAsync("/demarches");
        var last = await _client.GetPageAsync($"/demarches?page={(total + 19) / 20}");

        Assert.True(total >= 100, $"only {total} procedures seeded");
        Assert.Contains($"{total} démarches", first.MainText);
        Assert.Equal(20, first.Document.QuerySelectorAll(".cards .card").Length);
        Assert.Contains($"Page 1 sur {(total + 19) / 20}", first.MainText);
        Assert.Equal(total - (((total + 19) / 20) - 1) * 20, last.Document.QuerySelectorAll(".cards .card").Length);
    }

    [Fact]
    public async Task Catalogue_CombinesMinistryAudienceAndCategoryFilters()
    {
        var expected = await QueryAsync(db => db.ProcedureVersions.CountAsync(v => v.IsCurrent
            && v.Procedure.Ministry.Code == "MDERM"
            && v.Procedure.Category.Slug == "mines-carrieres"
            && (v.Audience == Web.Domain.Catalogue.Audience.Companies || v.Audience == Web.Domain.Catalogue.Audience.Both)));

        var page = await _client.GetPageAsync("/demarches?ministere=MDERM&public=entreprises&categorie=mines-carrieres");

        Assert.True(expected > 0);
        Assert.Contains($"{expected} démarches", page.MainText);
        var cards = page.Texts(".cards .card .meta");
        Assert.All(cards, meta => Assert.Contains("MDERM", meta));
        Assert.All(cards, meta => Assert.Contains("entreprises", meta, StringComparison.OrdinalIgnoreCase));
        // Each filter keeps its value, and its choices show how many procedures they lead to.
        Assert.Equal("MDERM", page.Document.QuerySelector("#ministere option[selected]")?.GetAttribute("value"));
        Assert.Equal("entreprises", page.Document.QuerySelector("#public option[selected]")?.GetAttribute("value"));
        Assert.Contains($"({expected})", page.Document.QuerySelector("#categorie option[selected]")?.TextContent);
    }

    [Fact]
    public async Task EnergyAndMines_HasAtLeast29Procedures()
    {
        var page = await _client.GetPageAsync("/ministeres/MDERM");
        var links = page.Document.QuerySelectorAll("main ul.links a");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(links.Length >= 29, $"{links.Length} procedures for MDERM");
        Assert.Contains("Direction générale des mines et de la géologie", page.MainText);
    }

    [Fact]
    public async Task MinistryPage_GroupsItsProceduresUnderOneHeadingPerCategory()
    {
        var page = await _client.GetPageAsync("/ministeres/MDERM");
        var headings = page.Texts("main section h3");

        Assert.Contains("Mines, carrières et géologie", headings);
        Assert.Equal(headings.Distinct().Count(), headings.Count);
        Assert.True(page.Document.QuerySelectorAll("main section ul.links li").Length > headings.Count);
    }

    [Fact]
    public async Task Ministries_ListsAtLeast12WithTheirProcedureCounts()
    {
        var page = await _client.GetPageAsync("/ministeres");

        Assert.True(page.Document.QuerySelectorAll(".cards .card").Length >= 12);
        Assert.Contains("Ministère du Commerce, de l'Industrie et de la Consommation locale", page.MainText);
    }

    [Fact]
    public async Task ProcedurePage_ShowsFeesDocumentsDelaysValidityLegalBasisAndOffice()
    {
        var page = await _client.GetPageAsync("/demarches/permis-exploitation-miniere-grande-echelle");
        var text = page.MainText;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Permis d'exploitation minière à grande échelle", page.Texts("h1").Single());
        // Flat items are added up; the surface royalty per km² and per year is explained, not added.
        Assert.Contains("500 000 FCFA", text);
        Assert.Contains("4 500 000 FCFA", text);
        Assert.Contains("Total à payer au dépôt 5 000 000 FCFA", text);
        Assert.Contains("75 000 FCFA / km²", text);
        Assert.Contains("Payable plus tard", text);
        Assert.Contains("Minimum 5 mois", text);
        Assert.Contains("5 ans", text);
        Assert.Contains("Statuts de la société", text);
        Assert.Contains("Code minier", text);
        Assert.Contains("Direction générale des mines et de la géologie", text);
        Assert.Equal("/demarches/permis-exploitation-miniere-grande-echelle/demarrer",
            page.Document.QuerySelector("a.button")?.GetAttribute("href"));
    }

    [Fact]
    public async Task ProcedurePage_OfImporterCard_ShowsItsFeeAndDocuments()
    {
        var page = await _client.GetPageAsync("/demarches/carte-importateur");

        Assert.Equal("Carte d'importateur", page.Texts("h1").Single());
        Assert.Contains("FCFA", page.Texts("table.fees").Single());
        Assert.True(page.Document.QuerySelectorAll(".checklist li").Length >= 3);
        Assert.Contains("Direction du commerce extérieur", page.MainText);
    }

    [Fact]
    public async Task ProcedurePage_OfAProcedureAskingNoDocument_SaysTheFormIsEnough()
    {
        var page = await _client.GetPageAsync("/demarches/modification-assignation-frequences");

        Assert.Contains("Aucune pièce à fournir : le formulaire suffit.", page.MainText);
        Assert.Null(page.Document.QuerySelector(".checklist"));
    }

    [Fact]
    public async Task SuspendedProcedure_SaysWhyAndOffersNoOnlineFiling()
    {
        var slug = await QueryAsync(db => db.Procedures
            .Where(p => p.Status == Web.Domain.Catalogue.ProcedureStatus.Suspended).Select(p => p.Slug).FirstAsync());

        var page = await _client.GetPageAsync($"/demarches/{slug}");

        Assert.Contains("Démarche suspendue", page.MainText);
        Assert.Null(page.Document.QuerySelector("a.button"));
    }

    [Fact]
    public async Task StartingAProcedure_SendsAVisitorToSignIn()
    {
        var response = await _client.GetAsync("/demarches/carte-importateur/demarrer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
        var signIn = await _client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Contains("Connexion", signIn.Texts("h1").Single());
    }

    [Fact]
    public async Task StartingAProcedure_AfterSigningIn_ComesBackWithTheDocumentsToPrepare()
    {
        var user = await portal.Factory.CreateAsync();
        var visitor = portal.Factory.NewVisitor();

        var signedIn = await visitor.SignInAsync(user.Email!, returnUrl: "/demarches/carte-importateur/demarrer");
        var page = await visitor.GetPageAsync(signedIn.Headers.Location!.OriginalString);
        var unknown = await visitor.GetAsync("/demarches/inconnue/demarrer");

        Assert.Equal("/demarches/carte-importateur/demarrer", signedIn.Headers.Location?.OriginalString);
        Assert.Equal("Carte d'importateur", page.Texts("h1").Single());
        Assert.Contains("Pour qui faites-vous cette démarche ?", page.MainText);
        Assert.True(page.Document.QuerySelectorAll(".checklist li").Length >= 3);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
