using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.IntegrationTests.Requests;

[Collection(PortalCollection.Name)]
public sealed class FilingTests(PortalFixture portal)
{
    private const string ImporterCard = "/demarches/carte-importateur/demarrer";

    private static readonly string[] IndividualDocuments =
    [
        "piece-extrait-du-rccm-de-moins-de-trois-mois",
        "piece-carte-d-immatriculation-nif-ou-attestation-de",
        "piece-copie-de-la-piece-d-identite-du-commercant",
        "piece-deux-photos-d-identite-recentes",
    ];

    private static Dictionary<string, string> Answers(string action = "submit") => new()
    {
        ["activite-principale"] = "Import de pièces détachées automobiles",
        ["produits-importes"] = "Pièces détachées, pneumatiques",
        ["pays-origine"] = "Chine, Nigeria",
        ["volume-annuel-fcfa"] = "25 000 000",
        ["renouvellement"] = "non",
        ["attestation"] = "oui",
        ["action"] = action,
    };

    private static IEnumerable<Multipart.Upload> Pdfs(IEnumerable<string> keys) =>
        keys.Select(k => new Multipart.Upload($"file-{k}", $"{k}.pdf", Multipart.SmallPdf));

    /// <summary>Signs in a new citizen and starts a draft of the importer card for itself; returns the draft page.</summary>
    private async Task<(HttpClient Visitor, Html.Page Draft, string UserId)> StartDraftAsync()
    {
        var user = await portal.Factory.CreateAsync();
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var start = await visitor.GetPageAsync(ImporterCard);
        var created = await visitor.SubmitFormAsync(start, "form#start", new Dictionary<string, string> { ["pour"] = "moi" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (visitor, await visitor.GetPageAsync(created.Headers.Location!.OriginalString), user.Id);
    }

    [Fact]
    public async Task TheDraft_GivesItsConditionalFieldItsConditions_ForAScriptFromThePortalItself()
    {
        var (_, draft, _) = await StartDraftAsync();

        var conditional = Assert.Single(draft.Document.QuerySelectorAll("[data-when]"));
        var script = Assert.Single(draft.Document.QuerySelectorAll("script"));

        Assert.NotNull(conditional.QuerySelector("#f-numero-carte-precedente"));
        Assert.Equal("""[[0,[["renouvellement","Equals","oui"]]]]""", conditional.GetAttribute("data-when"));
        Assert.StartsWith("/js/conditions.js?v=", script.GetAttribute("src"), StringComparison.Ordinal);
        Assert.True(script.HasAttribute("defer"));
        Assert.Contains("script-src 'self';", draft.Response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citizen_FillsTheFormAttachesTheDocuments_AndSubmits_ThenGetsATrackingNumber_AndThePaymentPage()
    {
        var (visitor, draft, userId) = await StartDraftAsync();

        var submitted = await visitor.SubmitMultipartAsync(draft, "form#draft", Answers(), Pdfs(IndividualDocuments));
        var page = await visitor.GetPageAsync(submitted.Headers.Location!.OriginalString);
        var details = await visitor.GetPageAsync(submitted.Headers.Location!.OriginalString.Replace("/paiement", "", StringComparison.Ordinal));

        Assert.Contains("25 000 FCFA", draft.MainText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Matches(@"^/demandes/TG-\d{4}-\d{8}/paiement$", submitted.Headers.Location!.OriginalString);
        Assert.Contains("Votre demande est enregistrée. Payez les frais", page.MainText);
        Assert.Contains("Payer 25 000 FCFA", page.MainText);
        Assert.Contains("Il reste à payer les frais de cette demande.", details.MainText);
        Assert.Equal(IndividualDocuments.Length, details.Document.QuerySelectorAll("a[href*='/documents/']").Length);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var request = await db.Requests.SingleAsync(r => r.ApplicantId == userId);
        Assert.Equal(RequestStatus.AwaitingPayment, request.Status);
        Assert.Equal("25 000 000", request.Answers["volume-annuel-fcfa"]);
        Assert.Contains(request.TrackingNumber!, await db.OutboxMessages.Where(m => m.Subject!.Contains(request.TrackingNumber!)).Select(m => m.Body).SingleAsync());
    }

    [Fact]
    public async Task Submitting_AnIncompleteForm_ShowsEachProblemNextToItsField_AndKeepsEverything()
    {
        var (visitor, draft, userId) = await StartDraftAsync();
        var answers = Answers();
        answers["activite-principale"] = "";
        answers["volume-annuel-fcfa"] = "beaucoup";
        var exe = new Multipart.Upload("file-piece-deux-photos-d-identite-recentes", "photos.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03]);

        var response = await visitor.SubmitMultipartAsync(draft, "form#draft", answers, Pdfs(IndividualDocuments.Take(2)).Append(exe));
        var page = await Html.ParseAsync(response);
        string Error(string key) => Html.Collapse(page.QuerySelector($"[data-valmsg-for='{key}']")?.TextContent ?? "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ce champ est obligatoire.", Error("activite-principale"));
        Assert.Equal("Saisissez un nombre.", Error("volume-annuel-fcfa"));
        Assert.StartsWith("Ce fichier n'est ni un PDF", Error("piece-deux-photos-d-identite-recentes"));
        Assert.Equal("Joignez ce document.", Error("piece-copie-de-la-piece-d-identite-du-commercant"));
        Assert.Equal("beaucoup", page.QuerySelector("#f-volume-annuel-fcfa")?.GetAttribute("value"));
        Assert.Equal("Chine, Nigeria", page.QuerySelector("#f-pays-origine")?.GetAttribute("value"));
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Requests.Include(r => r.Attachments).SingleAsync(r => r.ApplicantId == userId);
        Assert.Equal(RequestStatus.Draft, request.Status);
        Assert.Equal("Chine, Nigeria", request.Answers["pays-origine"]);
        Assert.Equal(2, request.Attachments.Count(a => a.IsCurrent));
    }

    [Fact]
    public async Task ADraft_CanBeLeftAndResumed_FromMyRequests()
    {
        var (visitor, draft, _) = await StartDraftAsync();
        var answers = Answers("save");
        answers["activite-principale"] = "Négoce de riz";

        var saved = await visitor.SubmitMultipartAsync(draft, "form#draft", answers);
        var list = await visitor.GetPageAsync("/demandes?statut=brouillon");
        var resumed = await visitor.GetPageAsync(list.Document.QuerySelector("a[href^='/demandes/brouillons/']")!.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Négoce de riz", resumed.Document.QuerySelector("#f-activite-principale")?.GetAttribute("value"));
        Assert.Contains("Brouillon enregistré", resumed.MainText);
    }

    [Fact]
    public async Task SubmittingTwice_MakesOneRequest()
    {
        var (visitor, draft, userId) = await StartDraftAsync();

        var first = await visitor.SubmitMultipartAsync(draft, "form#draft", Answers(), Pdfs(IndividualDocuments));
        var second = await visitor.SubmitMultipartAsync(draft, "form#draft", Answers(), Pdfs(IndividualDocuments));

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Requests.CountAsync(r => r.ApplicantId == userId));
        Assert.Equal(1, await db.RequestEvents.CountAsync(e => db.Requests.Any(r => r.Id == e.RequestId && r.ApplicantId == userId)));
    }

    [Fact]
    public async Task AnotherUsersDraft_Answers404_AndIsNotChanged()
    {
        var (_, draft, ownerId) = await StartDraftAsync();
        var intruder = portal.Factory.NewVisitor();
        await intruder.SignInAsync((await portal.Factory.CreateAsync()).Email!);
        var address = draft.Response.RequestMessage!.RequestUri!.PathAndQuery;
        var ownStart = await intruder.GetPageAsync(ImporterCard);
        var token = ownStart.Document.QuerySelector("form#start input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var read = await intruder.GetAsync(address);
        var write = await intruder.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["activite-principale"] = "piraté",
            ["action"] = "save",
        }));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Requests.SingleAsync(r => r.ApplicantId == ownerId);
        Assert.False(request.Answers.ContainsKey("activite-principale"));
    }

    [Fact]
    public async Task ACompaniesOnlyProcedure_CannotBeFiledForOneself()
    {
        var user = await portal.Factory.CreateAsync();
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);

        var start = await visitor.GetPageAsync("/demarches/permis-exploitation-miniere-grande-echelle/demarrer");

        Assert.Null(start.Document.QuerySelector("input[name=pour][value=moi]"));
        Assert.Contains("réservée aux entreprises", start.MainText);
    }
}

[Collection(PortalCollection.Name)]
public sealed class FilingLimitsTests(PortalFixture portal)
{
    [Fact]
    public async Task A30MegabytePhoto_SentThroughTheForm_GetsAMessageNextToItsField_AndTheRestIsSaved()
    {
        var user = await portal.Factory.CreateAsync();
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var start = await visitor.GetPageAsync("/demarches/carte-importateur/demarrer");
        var created = await visitor.SubmitFormAsync(start, "form#start", new Dictionary<string, string> { ["pour"] = "moi" });
        var draft = await visitor.GetPageAsync(created.Headers.Location!.OriginalString);
        var photo = new byte[30 * 1024 * 1024];
        photo[0] = 0xFF;
        photo[1] = 0xD8;
        photo[2] = 0xFF;

        var response = await visitor.SubmitMultipartAsync(draft, "form#draft",
            new Dictionary<string, string> { ["pays-origine"] = "Ghana", ["action"] = "save" },
            [new Multipart.Upload("file-piece-deux-photos-d-identite-recentes", "photo.jpg", photo, "image/jpeg")]);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Le fichier dépasse 10 Mo", Html.Collapse(page.QuerySelector("[data-valmsg-for='piece-deux-photos-d-identite-recentes']")!.TextContent));
        Assert.Equal("Ghana", page.QuerySelector("#f-pays-origine")?.GetAttribute("value"));
    }

    [Fact]
    public async Task WithdrawingADecidedRequest_IsRefusedWithAMessage()
    {
        var user = await portal.Factory.CreateAsync();
        var clerk = await portal.Factory.CreateAsync(roles: [ServicePublic.Web.Domain.Accounts.Roles.Agent], ministryCode: "MJ");
        var request = await portal.Factory.FileAsync(user, afterSubmit: r =>
        {
            r.StartReview(clerk.Id, DateTimeOffset.UtcNow);
            r.Approve(clerk.Id, null, DateTimeOffset.UtcNow);
        });
        var number = request.TrackingNumber!;
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var page = await visitor.GetPageAsync($"/demandes/{number}");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var posted = await visitor.PostAsync($"/demandes/{number}/retirer", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var after = await visitor.GetPageAsync($"/demandes/{number}");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("ne peut plus être retirée", after.MainText);
        Assert.Contains("Acceptée", after.Texts(".facts dd")[1]);
    }
}
