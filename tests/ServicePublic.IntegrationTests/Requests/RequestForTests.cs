using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Infrastructure.Files;

namespace ServicePublic.IntegrationTests.Requests;

/// <summary>A request's page, the applicant's and the clerk's, says for whom it was filed and which document answers which question.</summary>
[Collection(PortalCollection.Name)]
public sealed class RequestForTests(PortalFixture portal)
{
    private const string Rccm = "piece-extrait-du-rccm-de-moins-de-trois-mois";
    private const string Photos = "piece-deux-photos-d-identite-recentes";

    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task ABusinessRequest_NamesTheBusinessWithItsNif_AndListsEachDocumentUnderItsQuestion_ForTheApplicantAndTheClerk()
    {
        var owner = await Factory.CreateAsync();
        var business = await Factory.CreateBusinessAsync(owner);
        var request = await FiledWithDocumentsAsync(owner, business.Id);
        var applicant = Factory.NewVisitor();
        await applicant.SignInAsync(owner.Email!);
        var clerkUser = await Factory.CreateAsync(roles: [Roles.Agent], twoFactor: true, ministryCode: "MCIC");
        var clerk = Factory.NewVisitor();
        await clerk.SignInWithTotpAsync(Factory, clerkUser);

        var mine = await applicant.GetPageAsync($"/demandes/{request.TrackingNumber}");
        var case_ = await clerk.GetPageAsync($"/agent/demandes/{request.TrackingNumber}");

        Assert.Equal($"Demande pour {business.Name} (NIF {business.Nif}) déposée par Afi Mensah", mine.Texts("#request-for").Single());
        Assert.Contains($"{business.Name} (SARL) – NIF {business.Nif}", case_.MainText, StringComparison.Ordinal);
        string[] expected =
        [
            "Extrait du RCCM de moins de trois mois: rccm.pdf (1 Ko)",
            "Deux photos d'identité récentes: photos-floues.pdf (1 Ko) — remplacé",
            "Deux photos d'identité récentes: photos.pdf (1 Ko)",
        ];
        Assert.Equal(expected, Documents(mine));
        Assert.Equal(expected.Select(e => e + " – télécharger"), Documents(case_));
    }

    [Fact]
    public async Task APersonalRequest_NamesThePerson()
    {
        var user = await Factory.CreateAsync();
        var request = await FiledWithDocumentsAsync(user, businessId: null);
        var applicant = Factory.NewVisitor();
        await applicant.SignInAsync(user.Email!);

        var page = await applicant.GetPageAsync($"/demandes/{request.TrackingNumber}");

        Assert.Equal("Demande pour Afi Mensah", page.Texts("#request-for").Single());
        Assert.Equal("Extrait du RCCM de moins de trois mois", page.Texts("#documents dt").First());
    }

    /// <summary>The importer card with its RCCM extract, and photos sent twice: the first blurred ones are replaced.</summary>
    private Task<Request> FiledWithDocumentsAsync(ApplicationUser user, int? businessId) => Factory.FileAsync(user, "carte-importateur", businessId: businessId,
        beforeSubmit: async (request, services) =>
        {
            var store = services.GetRequiredService<IFileStore>();
            var at = DateTimeOffset.UtcNow.AddMinutes(-10);
            foreach (var (field, name) in new[] { (Photos, "photos-floues.pdf"), (Rccm, "rccm.pdf"), (Photos, "photos.pdf") })
            {
                var key = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 " + name)), CancellationToken.None);
                request.Attach(field, name, "application/pdf", 20, new string('a', 64), key, user.Id, at = at.AddMinutes(1));
            }
        });

    /// <summary>Each file of the page's documents as "question: file", in the page's order.</summary>
    private static IEnumerable<string> Documents(Html.Page page)
    {
        var question = "";
        foreach (var item in page.Document.QuerySelectorAll("#documents > dt, #documents > dd"))
        {
            if (item.TagName == "DT")
            {
                question = Html.Collapse(item.TextContent);
                continue;
            }
            yield return $"{question}: {Html.Collapse(item.TextContent)}";
        }
    }
}
