using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Statistics;

/// <summary>A procedure's catalogue page: the delay it announces, beside the one the portal measured (see StatisticsFixture).</summary>
[Collection(StatisticsCollection.Name)]
public sealed class MeasuredDelayTests(StatisticsFixture fixture)
{
    private readonly HttpClient _visitor = fixture.NewVisitor();

    [Fact]
    public async Task CataloguePage_ShowsTheMeasuredDelayBesideTheAnnouncedOne()
    {
        var published = await _visitor.GetPageAsync("/demarches/carte-orpailleur");
        // 19 decisions: no figure.
        var tooFew = await _visitor.GetPageAsync("/demarches/permis-recherche-miniere");

        Assert.Equal(
            ["Délai annoncé : 1 à 7 jours · Délai constaté (12 derniers mois) : la moitié en 5 jours, 9 sur 10 en 20 jours (n = 20) Les statistiques de cette démarche"],
            published.Texts("#delai-constate"));
        Assert.NotNull(published.Document.QuerySelector("#delai-constate a[href='/statistiques/demarches/carte-orpailleur']"));
        Assert.Equal(
            ["Délai annoncé : Environ 3 mois · Délai constaté (12 derniers mois) : moins de 20 demandes : pas de chiffre publié Les statistiques de cette démarche"],
            tooFew.Texts("#delai-constate"));
    }
}
