using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using ServicePublic.Web.Features.Administration;
using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Features.Development;
using ServicePublic.Web.Features.Documents;
using ServicePublic.Web.Features.Language;
using ServicePublic.Web.Features.Ministries;
using ServicePublic.Web.Features.Statistics;
using ServicePublic.Web.Features.Supervision;
using ServicePublic.Web.Features.Telephone;

namespace ServicePublic.UnitTests;

/// <summary>The paths classes write the addresses the pages had by hand, and each one is a route the portal answers.</summary>
public sealed class PathsTests
{
    /// <summary>Every route template of the portal's controllers, "{parameter}" standing for one segment.</summary>
    private static readonly Regex[] Routes = [.. typeof(CataloguePaths).Assembly.GetTypes()
        .Where(t => typeof(ControllerBase).IsAssignableFrom(t))
        .SelectMany(t => t.GetMethods())
        .SelectMany(m => m.GetCustomAttributes().OfType<IRouteTemplateProvider>())
        .Where(r => r.Template is not null)
        .Select(r => new Regex("^" + Regex.Replace(Regex.Escape(r.Template!), @"\\\{[^}]*}", "[^/]+") + "$"))];

    public static TheoryData<string, string> Addresses => new()
    {
        { CataloguePaths.Home, "/" },
        { CataloguePaths.Procedures, "/demarches" },
        { CataloguePaths.Search(audience: CatalogueFilter.Individuals), "/demarches?public=particuliers" },
        { CataloguePaths.Search(audience: "entreprises"), "/demarches?public=entreprises" },
        { CataloguePaths.Search(category: "etat-civil-nationalite"), "/demarches?categorie=etat-civil-nationalite" },
        { CataloguePaths.Search(q: "carte grise", ministry: "MDERM"), "/demarches?q=carte%20grise&ministere=MDERM" },
        { CataloguePaths.Procedure("a/b c"), "/demarches/a%2Fb%20c" },
        { MinistryPaths.All, "/ministeres" },
        { MinistryPaths.Ministry("MDERM"), "/ministeres/MDERM" },
        { DocumentPaths.Verify, "/verifier" },
        { DocumentPaths.PublicKey, "/verifier/cle-publique" },
        { DocumentPaths.Verification("ABCDEFGHJK"), "/verifier/ABCDEFGHJK" },
        { DocumentPaths.SignedVerification("ABCDEFGHJK", "SP1.eyJuIjoiMSJ9.a-b_c"), "/verifier/ABCDEFGHJK?p=SP1.eyJuIjoiMSJ9.a-b_c" },
        { DocumentPaths.DocumentPdf("TG-2026-000001"), "/demandes/TG-2026-000001/document.pdf" },
        { SupervisionPaths.Payments, "/supervision/paiements" },
        { SupervisionPaths.PaymentsCsv, "/supervision/paiements.csv" },
        { SupervisionPaths.PaymentsOf("MDERM"), "/supervision/paiements?ministere=MDERM" },
        { SupervisionPaths.Document("MDERM-2026-000123"), "/supervision/documents/MDERM-2026-000123" },
        { SupervisionPaths.Revoke("MDERM-2026-000123"), "/supervision/documents/MDERM-2026-000123/revoquer" },
        { SupervisionPaths.Targets, "/supervision/objectifs" },
        { SupervisionPaths.TargetsOf("MDERM"), "/supervision/objectifs?ministere=MDERM" },
        { SupervisionPaths.TargetIndicator(12), "/supervision/objectifs/indicateurs/12" },
        { SupervisionPaths.TargetDelay("carte/orpailleur"), "/supervision/objectifs/demarches/carte%2Forpailleur/delai" },
        { AdministrationPaths.Home, "/admin" },
        { AdministrationPaths.User("u 1/2"), "/admin/utilisateurs/u%201%2F2" },
        { AdministrationPaths.UsersSearch(null, 2), "/admin/utilisateurs?page=2" },
        { AdministrationPaths.UsersSearch("dupont & fils é", 3), "/admin/utilisateurs?q=dupont%20%26%20fils%20%C3%A9&page=3" },
        { AdministrationPaths.JournalSearch(null, null, 1), "/admin/journal?page=1" },
        { AdministrationPaths.JournalSearch("user.roles-changed", "a/b", 4), "/admin/journal?type=user.roles-changed&sujet=a%2Fb&page=4" },
        { AdministrationPaths.JournalVerify, "/admin/journal/verifier" },
        { DevelopmentPaths.Messages, "/dev/messages" },
        { DevelopmentPaths.Receipt, "/dev/messages/accuse" },
        { TelephonePaths.SmsStatus, "/api/sms/statut" },
        { LanguagePaths.Switch, "/langue" },
        { StatisticsPaths.Home, "/statistiques" },
        { StatisticsPaths.Ministry("MDERM"), "/statistiques/MDERM" },
        { StatisticsPaths.Procedure("carte-orpailleur"), "/statistiques/demarches/carte-orpailleur" },
        { StatisticsPaths.Csv, "/statistiques/donnees.csv" },
        { StatisticsPaths.OpenData(StatisticsPaths.Json, "MDERM", "carte d'or", "2026-01-01", "2026-06-30"), "/statistiques/donnees.json?du=2026-01-01&au=2026-06-30&ministere=MDERM&demarche=carte%20d%27or" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Paths_WriteTheAddressByteForByte_AndARouteAnswersIt(string produced, string expected)
    {
        Assert.Equal(expected, produced);
        var path = produced.Split('?')[0];
        Assert.Contains(Routes, route => route.IsMatch(path));
    }

    [Fact]
    public void PaymentsOf_NoMinistry_IsTheLedgerItself() =>
        Assert.Equal(SupervisionPaths.Payments, SupervisionPaths.PaymentsOf(null));
}
