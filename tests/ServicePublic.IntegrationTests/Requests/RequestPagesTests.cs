using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Infrastructure.Files;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.IntegrationTests.Requests;

[Collection(PortalCollection.Name)]
public sealed class RequestPagesTests(PortalFixture portal)
{
    /// <summary>A submitted request with one PDF, filed through the domain.</summary>
    private Task<Request> FiledWithDocumentAsync(ApplicationUser user) => portal.Factory.FileAsync(user, "carte-importateur",
        beforeSubmit: async (request, services) =>
        {
            var key = await services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 statuts")), CancellationToken.None);
            request.Attach("statuts", "statuts.pdf", "application/pdf", 16, new string('a', 64), key, user.Id, DateTimeOffset.UtcNow);
        });

    [Fact]
    public async Task Applicant_SeesTheRequest_ItsTimeline_AndDownloadsItsDocumentAsAnAttachment()
    {
        var user = await portal.Factory.CreateAsync();
        var request = await FiledWithDocumentAsync(user);
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);

        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}");
        var link = page.Document.QuerySelector("a[href*='/documents/']")!.GetAttribute("href")!;
        var download = await visitor.GetAsync(link);

        Assert.Equal("Carte d'importateur", page.Texts("h1").Single());
        Assert.Contains("Déposée", page.Texts(".timeline li").Single());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnotherCitizen_Gets404_OnEveryRouteOfTheRequest()
    {
        var owner = await portal.Factory.CreateAsync();
        var request = await FiledWithDocumentAsync(owner);
        var intruder = portal.Factory.NewVisitor();
        await intruder.SignInAsync((await portal.Factory.CreateAsync()).Email!);
        var ownPage = await intruder.GetPageAsync("/demandes");
        var documentId = request.Attachments.Single().Id;

        var details = await intruder.GetAsync($"/demandes/{request.TrackingNumber}");
        var document = await intruder.GetAsync($"/demandes/{request.TrackingNumber}/documents/{documentId}");
        var token = ownPage.Document.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var withdraw = await intruder.PostAsync($"/demandes/{request.TrackingNumber}/retirer",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Id == request.Id);
        Assert.Equal(RequestStatus.Submitted, stored.Status);
    }

    [Fact]
    public async Task Applicant_WithdrawsBeforeTheDecision_AndTheTimelineSaysSo()
    {
        var user = await portal.Factory.CreateAsync();
        var request = await FiledWithDocumentAsync(user);
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}");

        var withdrawn = await visitor.SubmitFormAsync(page, "form#withdraw", new Dictionary<string, string> { ["reason"] = "Déposée par erreur" });
        var after = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}");

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Contains("Votre demande est retirée.", after.MainText);
        Assert.Contains("Déposée par erreur", after.Texts(".timeline li").Last());
        Assert.Null(after.Document.QuerySelector("form#withdraw"));
        Assert.Contains("est maintenant : Retirée", await portal.Factory.LatestMessageAsync(user.Email!));
    }
}

[Collection(PortalCollection.Name)]
public sealed class RequestMessagesTests(PortalFixture portal)
{
    private async Task<(HttpClient Visitor, Request Request, ApplicationUser Clerk)> FiledAndSignedInAsync()
    {
        var user = await portal.Factory.CreateAsync();
        var clerk = await portal.Factory.CreateAsync(roles: [Roles.Agent], ministryCode: "MJ");
        var request = await portal.Factory.FileAsync(user, afterSubmit: r =>
        {
            r.WriteFromOffice(clerk.Id, "NOTE INTERNE : vérifier l'homonymie", internalNote: true, DateTimeOffset.UtcNow);
            r.WriteFromOffice(clerk.Id, "Merci de préciser votre lieu de naissance.", internalNote: false, DateTimeOffset.UtcNow);
        });
        var visitor = portal.Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        return (visitor, request, clerk);
    }

    [Fact]
    public async Task Applicant_ReadsTheOfficesMessages_ButNeverItsInternalNotes()
    {
        var (visitor, request, _) = await FiledAndSignedInAsync();

        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}");
        var html = await page.Response.Content.ReadAsStringAsync();

        Assert.Contains("Merci de préciser votre lieu de naissance.", page.MainText);
        Assert.DoesNotContain("NOTE INTERNE", html);
    }

    [Fact]
    public async Task Applicant_WritesToTheOffice_WithADocument()
    {
        var (visitor, request, _) = await FiledAndSignedInAsync();
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}");

        var sent = await visitor.SubmitMultipartAsync(page, "form#message",
            new Dictionary<string, string> { ["body"] = "Je suis né à Kpalimé." },
            [new Multipart.Upload("file", "acte.pdf", Multipart.SmallPdf)]);
        var after = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}");
        var link = after.Document.QuerySelector("#messages a[href*='/messages/']")!.GetAttribute("href")!;

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Je suis né à Kpalimé.", after.MainText);
        Assert.Equal("attachment", (await visitor.GetAsync(link)).Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task AnEmptyMessage_OrABadFile_IsRefused_KeepingWhatWasTyped()
    {
        var (visitor, request, _) = await FiledAndSignedInAsync();
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}");

        var empty = await Html.ParseAsync(await visitor.SubmitMultipartAsync(page, "form#message", new Dictionary<string, string> { ["body"] = "  " }));
        var badFile = await Html.ParseAsync(await visitor.SubmitMultipartAsync(page, "form#message",
            new Dictionary<string, string> { ["body"] = "Voici le document" },
            [new Multipart.Upload("file", "acte.pdf", [0x4D, 0x5A, 0x00])]));

        Assert.Equal("Écrivez votre message.", Html.Collapse(empty.QuerySelector("[data-valmsg-for=body]")!.TextContent));
        Assert.StartsWith("Ce fichier n'est ni un PDF", Html.Collapse(badFile.QuerySelector("[data-valmsg-for=file]")!.TextContent));
        Assert.Equal("Voici le document", badFile.QuerySelector("#body")!.TextContent);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<AppDbContext>().RequestMessages.CountAsync(m => m.RequestId == request.Id));
    }

    [Fact]
    public async Task AnotherCitizen_CannotWriteOnTheRequest()
    {
        var (_, request, _) = await FiledAndSignedInAsync();
        var intruder = portal.Factory.NewVisitor();
        await intruder.SignInAsync((await portal.Factory.CreateAsync()).Email!);
        var own = await intruder.GetPageAsync("/demandes");
        var token = own.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await intruder.PostAsync($"/demandes/{request.TrackingNumber}/messages",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["body"] = "intrusion" }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
