using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.IntegrationTests.Requests;

/// <summary>
/// What an applicant sends is bounded: PDFs that would act when opened, drafts started in a day,
/// the documents of one request, each answer's length, a withdraw reason. Each refusal is a
/// message next to its field; nothing else the applicant sent is lost.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class InputLimitsTests(PortalFixture portal)
{
    private const string ImporterCard = "carte-importateur";
    private const string RccmExtract = "piece-extrait-du-rccm-de-moins-de-trois-mois";
    private const string Photos = "piece-deux-photos-d-identite-recentes";

    private PortalFactory Factory => portal.Factory;

    private async Task<(HttpClient Visitor, ServicePublic.Web.Domain.Accounts.ApplicationUser User)> CitizenAsync()
    {
        var user = await Factory.CreateAsync();
        var visitor = Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        return (visitor, user);
    }

    private Task<Request> RequestWithAttachmentsAsync(Guid id) =>
        Factory.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Attachments).SingleAsync(r => r.Id == id));

    private static string ErrorOf(AngleSharp.Html.Dom.IHtmlDocument page, string key) =>
        Html.Collapse(page.QuerySelector($"[data-valmsg-for='{key}']")?.TextContent ?? "");

    [Fact]
    public async Task APdfWithAScript_IsRefusedNextToItsField_AndTheAnswersAndThePhotoAreKept()
    {
        var (visitor, user) = await CitizenAsync();
        var draft = await Factory.FileAsync(user, ImporterCard, submit: false);
        var page = await visitor.GetPageAsync($"/demandes/brouillons/{draft.Id}");
        var scripted = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S /JavaScript /JS (app.launchURL('http://x')) >> endobj\n%%EOF\n");
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46];

        var response = await visitor.SubmitMultipartAsync(page, "form#draft",
            new Dictionary<string, string> { ["pays-origine"] = "Ghana", ["action"] = "save" },
            [new Multipart.Upload($"file-{RccmExtract}", "extrait.pdf", scripted), new Multipart.Upload($"file-{Photos}", "photo.jpg", photo, "image/jpeg")]);
        var shown = await Html.ParseAsync(response);
        var saved = await RequestWithAttachmentsAsync(draft.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Ce PDF contient des éléments actifs", ErrorOf(shown, RccmExtract));
        Assert.Equal("Ghana", saved.Answers["pays-origine"]);
        Assert.Equal([Photos], saved.Attachments.Where(a => a.IsCurrent).Select(a => a.FieldKey));
    }

    [Fact]
    public async Task StartingMoreRequestsThanADayAllows_IsRefusedWithAMessage()
    {
        var (visitor, user) = await CitizenAsync();
        for (var i = 0; i < 20; i++)
        {
            await Factory.FileAsync(user, ImporterCard, submit: false);
        }
        var start = await visitor.GetPageAsync($"/demarches/{ImporterCard}/demarrer");

        var refused = await visitor.SubmitFormAsync(start, "form#start", new Dictionary<string, string> { ["pour"] = "moi" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Vous avez commencé 20 demandes aujourd'hui", ErrorOf(await Html.ParseAsync(refused), "pour"));
        Assert.Equal(20, await Factory.WithDbAsync(db => db.Requests.CountAsync(r => r.ApplicantId == user.Id)));
    }

    [Fact]
    public async Task ADocumentBeyondTheRequestsTotal_IsRefused_AndNothingIsStored()
    {
        var (visitor, user) = await CitizenAsync();
        var draft = await Factory.FileAsync(user, ImporterCard, submit: false, beforeSubmit: (r, _) =>
        {
            r.Attach(RccmExtract, "gros.pdf", "application/pdf", 50L * 1024 * 1024 - 10, new string('0', 64), new string('a', 32), user.Id, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        });
        var page = await visitor.GetPageAsync($"/demandes/brouillons/{draft.Id}");

        var response = await visitor.SubmitMultipartAsync(page, "form#draft", new Dictionary<string, string> { ["action"] = "save" },
            [new Multipart.Upload($"file-{Photos}", "photos.pdf", Multipart.SmallPdf)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Les documents d'une demande ne peuvent pas dépasser 50 Mo au total", ErrorOf(await Html.ParseAsync(response), Photos));
        Assert.Single((await RequestWithAttachmentsAsync(draft.Id)).Attachments);
    }

    [Fact]
    public async Task AnAnswerLongerThanItsFieldTakes_IsNotSaved_AndSaysSoNextToIt()
    {
        var (visitor, user) = await CitizenAsync();
        var draft = await Factory.FileAsync(user, ImporterCard, submit: false);
        var page = await visitor.GetPageAsync($"/demandes/brouillons/{draft.Id}");

        var response = await visitor.SubmitMultipartAsync(page, "form#draft", new Dictionary<string, string>
        {
            ["activite-principale"] = new string('a', 100_000),
            ["volume-annuel-fcfa"] = "1" + new string(' ', 100_000) + "0",
            ["pays-origine"] = "Ghana",
            ["action"] = "save",
        });
        var shown = await Html.ParseAsync(response);
        var saved = await RequestWithAttachmentsAsync(draft.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Saisissez au plus 200 caractères.", ErrorOf(shown, "activite-principale"));
        Assert.Equal("Saisissez au plus 40 caractères.", ErrorOf(shown, "volume-annuel-fcfa"));
        Assert.Null(saved.Answers.GetValueOrDefault("activite-principale"));
        Assert.Null(saved.Answers.GetValueOrDefault("volume-annuel-fcfa"));
        Assert.Equal("Ghana", saved.Answers["pays-origine"]);
    }

    [Fact]
    public async Task AWithdrawReasonLongerThanItsColumn_IsAMessage_AndTheRequestStays()
    {
        var (visitor, user) = await CitizenAsync();
        var request = await Factory.FileAsync(user);
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}");

        var response = await visitor.SubmitFormAsync(page, "form#withdraw", new Dictionary<string, string> { ["reason"] = new string('m', Request.ReasonMaxLength + 1) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Le motif ne doit pas dépasser 2000 caractères.", ErrorOf(await Html.ParseAsync(response), "reason"));
        Assert.Equal(RequestStatus.Submitted, (await Factory.RequestAsync(request.Id)).Status);
    }
}
