using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.IntegrationTests.BackOffice;

/// <summary>The clerks' back office through HTTP, as a clerk signed in with a second factor uses it.</summary>
[Collection(PortalCollection.Name)]
public sealed class BackOfficeTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    /// <summary>The birth declaration: free, the Territorial Administration ministry's (MATDCL).</summary>
    private const string FreeProcedure = "declaration-de-naissance";
    private const string FreeMinistry = "MATDCL";

    private async Task<(HttpClient Client, ApplicationUser User)> ClerkAsync(string ministry = FreeMinistry, string role = Roles.Agent)
    {
        var user = await Factory.CreateAsync(roles: [role], twoFactor: true, ministryCode: ministry);
        var client = Factory.NewVisitor();
        await client.SignInWithTotpAsync(Factory, user);
        return (client, user);
    }

    private async Task<(HttpClient Citizen, Request Request)> SubmittedAsync(string slug = FreeProcedure)
    {
        var user = await Factory.CreateAsync();
        var request = await Factory.FileAsync(user, slug);
        var citizen = Factory.NewVisitor();
        await citizen.SignInAsync(user.Email!);
        return (citizen, request);
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient clerk, Html.Page page, string operation, Dictionary<string, string>? values = null, string form = "form")
    {
        var selector = $"main {form}:has(button[value={operation}])";
        return await clerk.SubmitFormAsync(page, selector, values, "operation", operation);
    }

    private static async Task<string> TextOfAsync(HttpResponseMessage response) => new Html.Page(response, await Html.ParseAsync(response)).MainText;

    private async Task<Html.Page> CaseAsync(HttpClient clerk, Request request) => await clerk.GetPageAsync($"/agent/demandes/{request.TrackingNumber}");

    [Fact]
    public async Task TheQueue_ShowsOnlyTheClerksMinistry_WithCountsFiltersAndSearch()
    {
        var (_, mine) = await SubmittedAsync();
        var (_, other) = await SubmittedAsync("carte-importateur");
        var (clerk, _) = await ClerkAsync();

        var queue = await clerk.GetPageAsync("/agent?statut=Submitted");
        var search = await clerk.GetPageAsync($"/agent?q={mine.TrackingNumber}");
        var searchOther = await clerk.GetPageAsync($"/agent?q={other.TrackingNumber}");

        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Contains(mine.TrackingNumber!, queue.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain(other.TrackingNumber!, queue.MainText, StringComparison.Ordinal);
        Assert.Contains("1 demande(s)", search.MainText, StringComparison.Ordinal);
        Assert.Contains("0 demande(s)", searchOther.MainText, StringComparison.Ordinal);
        Assert.Contains("Déposée (", queue.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBackOfficeRoute_WithAnotherMinistrysRequest_Is404()
    {
        var (_, request) = await SubmittedAsync("carte-importateur");
        var attachment = Guid.NewGuid();
        var (clerk, _) = await ClerkAsync(FreeMinistry);
        var (own, _) = await ClerkAsync("MCIC");
        var ownPage = await CaseAsync(own, request);

        var get = await clerk.GetAsync($"/agent/demandes/{request.TrackingNumber}");
        var document = await clerk.GetAsync($"/agent/demandes/{request.TrackingNumber}/documents/{attachment}");
        // The other ministry's own form and token, posted by this clerk: still nothing.
        var post = await clerk.SubmitFormAsync(ownPage, "main form:has(button[value=prendre])", null, "operation", "prendre");
        var queue = await clerk.GetPageAsync("/agent/lot");

        Assert.Equal(HttpStatusCode.OK, ownPage.Status);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{post.StatusCode}");
        Assert.Null((await Factory.RequestAsync(request.Id)).AssignedClerkId);
        Assert.NotEqual(HttpStatusCode.OK, queue.Status);
    }

    [Fact]
    public async Task AClerk_TakesReviewsAsksACorrection_AndTheApplicantSeesTheReason_ButNeverTheInternalNote()
    {
        var (citizen, request) = await SubmittedAsync();
        var (clerk, user) = await ClerkAsync();

        await ActAsync(clerk, await CaseAsync(clerk, request), "prendre");
        await ActAsync(clerk, await CaseAsync(clerk, request), "instruire");
        await ActAsync(clerk, await CaseAsync(clerk, request), "note", new() { ["texte"] = "Vérifier le casier au fichier central" });
        await ActAsync(clerk, await CaseAsync(clerk, request), "message", new() { ["texte"] = "Bonjour, nous examinons votre demande." });
        var page = await CaseAsync(clerk, request);
        var field = page.Document.QuerySelector("#correction input[name=champs]")!.GetAttribute("value")!;
        await ActAsync(clerk, page, "corriger", new() { ["champs"] = field, ["motif"] = "La pièce d'identité est illisible." });

        var filed = await Factory.RequestAsync(request.Id);
        var citizenPages = new[] { $"/demandes/{request.TrackingNumber}", "/demandes", $"/demandes/brouillons/{request.Id}" };
        var texts = new List<string>();
        foreach (var url in citizenPages)
        {
            texts.Add((await citizen.GetPageAsync(url)).MainText);
        }
        var clerkView = (await CaseAsync(clerk, request)).MainText;

        Assert.Equal((RequestStatus.AwaitingApplicant, user.Id), (filed.Status, filed.AssignedClerkId));
        Assert.Equal([field], filed.FieldsToCorrect);
        Assert.Contains("La pièce d'identité est illisible.", texts[0], StringComparison.Ordinal);
        Assert.Contains("Bonjour, nous examinons votre demande.", texts[0], StringComparison.Ordinal);
        Assert.All(texts, text => Assert.DoesNotContain("fichier central", text, StringComparison.Ordinal));
        Assert.Contains("fichier central", clerkView, StringComparison.Ordinal);
        var emails = await Factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Body.Contains(request.TrackingNumber!)).Select(m => m.Subject + m.Body).ToListAsync());
        Assert.Contains(emails, e => e.Contains("nouveau message du service", StringComparison.Ordinal));
        Assert.DoesNotContain(emails, e => e.Contains("fichier central", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IllegalActions_AndADecisionWithoutAReason_AreRefusedWithAMessage_AndChangeNothing()
    {
        var (_, request) = await SubmittedAsync();
        var (clerk, _) = await ClerkAsync();
        var page = await CaseAsync(clerk, request);
        var version = page.Document.QuerySelector("main input[name=version]")!.GetAttribute("value")!;
        var token = page.Document.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Approving a request nobody has reviewed: the button is not offered; forced, it is refused.
        var approve = await clerk.PostAsync($"/agent/demandes/{request.TrackingNumber}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = version, ["operation"] = "approuver",
        }));
        await ActAsync(clerk, await CaseAsync(clerk, request), "instruire");
        var reject = await ActAsync(clerk, await CaseAsync(clerk, request), "rejeter", new() { ["motif"] = "  " });
        var rejectPage = new Html.Page(reject, await Html.ParseAsync(reject));

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Contains("Cette action n'est pas possible dans l'état actuel de la demande.", (await TextOfAsync(approve)), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("button[value=approuver]"));
        Assert.Contains("Indiquez le motif.", rejectPage.MainText, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.InReview, (await Factory.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task AnApprovalCommentLongerThanItsColumn_IsAMessageNextToIt_AndTheRequestStaysInReview()
    {
        var (_, request) = await SubmittedAsync();
        var (clerk, _) = await ClerkAsync();
        await ActAsync(clerk, await CaseAsync(clerk, request), "instruire");

        var approve = await ActAsync(clerk, await CaseAsync(clerk, request), "approuver", new() { ["motif"] = new string('c', Request.ReasonMaxLength + 1) });

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Contains("Le commentaire ne doit pas dépasser 2000 caractères.", await TextOfAsync(approve), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.InReview, (await Factory.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task ARequestWhoseFeeIsNotPaid_CannotBeApproved()
    {
        var user = await Factory.CreateAsync();
        // Reviewed without its payment (as data from before payments existed could be).
        var request = await Factory.FileAsync(user, "carte-importateur", afterSubmit: r => r.StartReview(user.Id, DateTimeOffset.UtcNow));
        var (clerk, _) = await ClerkAsync("MCIC");

        var page = await CaseAsync(clerk, request);
        // The case says so before anyone tries, with the amount expected (a trader's card).
        Assert.Contains("Aucun paiement reçu : 25 000 FCFA attendus au dépôt.", page.MainText, StringComparison.Ordinal);
        var response = await ActAsync(clerk, page, "approuver");

        Assert.Contains("Le paiement des frais n'est pas confirmé", (await TextOfAsync(response)), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.InReview, (await Factory.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task TwoClerksDecidingAtOnce_OneWins_TheOtherIsToldItChanged()
    {
        var (_, request) = await SubmittedAsync();
        var (first, _) = await ClerkAsync();
        var (second, _) = await ClerkAsync();
        await ActAsync(first, await CaseAsync(first, request), "instruire");
        var firstPage = await CaseAsync(first, request);
        var secondPage = await CaseAsync(second, request);

        var approved = await ActAsync(first, firstPage, "approuver");
        var rejected = await ActAsync(second, secondPage, "rejeter", new() { ["motif"] = "Dossier incomplet" });
        var after = await second.GetPageAsync(rejected.Headers.Location!.OriginalString);
        var filed = await Factory.RequestAsync(request.Id);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (approved.StatusCode, rejected.StatusCode));
        Assert.Contains("Ce dossier vient d'être modifié par quelqu'un d'autre", after.MainText, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Approved, filed.Status);
        Assert.DoesNotContain(filed.Events, e => e.To == RequestStatus.Rejected);
    }

    [Fact]
    public async Task ConcurrentDecisions_OnTheSameVersion_OnlyOneIsRecorded()
    {
        var (_, request) = await SubmittedAsync();
        var (first, _) = await ClerkAsync();
        var (second, _) = await ClerkAsync();
        await ActAsync(first, await CaseAsync(first, request), "instruire");
        var pages = await Task.WhenAll(CaseAsync(first, request), CaseAsync(second, request));

        await Task.WhenAll(
            ActAsync(first, pages[0], "approuver"),
            ActAsync(second, pages[1], "rejeter", new() { ["motif"] = "Non conforme" }));
        var filed = await Factory.RequestAsync(request.Id);

        Assert.Single(filed.Events, e => e.To is RequestStatus.Approved or RequestStatus.Rejected);
    }

    [Fact]
    public async Task TwoClerksApprovingAtOnce_OneDocumentIsIssued_AndTheOtherIsToldItChanged()
    {
        var (_, request) = await SubmittedAsync();
        var (first, _) = await ClerkAsync();
        var (second, _) = await ClerkAsync();
        await ActAsync(first, await CaseAsync(first, request), "instruire");
        var pages = await Task.WhenAll(CaseAsync(first, request), CaseAsync(second, request));

        var answers = await Task.WhenAll(ActAsync(first, pages[0], "approuver"), ActAsync(second, pages[1], "approuver"));
        var filed = await Factory.RequestAsync(request.Id);
        var notices = new List<string>();
        foreach (var (client, answer) in new[] { (first, answers[0]), (second, answers[1]) })
        {
            notices.Add((await client.GetPageAsync(answer.Headers.Location!.OriginalString)).MainText);
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Single(filed.Events, e => e.To == RequestStatus.Approved);
        Assert.Single(notices, n => n.Contains("Ce dossier vient d'être modifié par quelqu'un d'autre", StringComparison.Ordinal));
        // A race lost is not a server error in the operators' log.
        Assert.Empty(Factory.Errors.During(request.TrackingNumber!));
    }

    /// <summary>The supervisor ticks <paramref name="requests"/> in the unassigned queue and assigns them to <paramref name="clerk"/>, with the form's own token.</summary>
    private static async Task<HttpResponseMessage> AssignInABatchAsync(HttpClient supervisor, ApplicationUser clerk, params Request[] requests)
    {
        var queue = await supervisor.GetPageAsync("/agent?affectation=personne&statut=Submitted");
        var token = queue.Document.QuerySelector("form#batch input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await supervisor.PostAsync("/agent/lot", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), .. requests.Select(r => new KeyValuePair<string, string>("selection", r.Id.ToString())),
            new("operation", "attribuer"), new("agent", clerk.Id),
        ]));
    }

    [Fact]
    public async Task ASupervisor_AssignsInABatch_AndTheCsvListsTheFilteredRequests()
    {
        var (_, one) = await SubmittedAsync();
        var (_, two) = await SubmittedAsync();
        var (clerkClient, clerk) = await ClerkAsync();
        var (supervisor, _) = await ClerkAsync(role: Roles.Supervisor);
        var batch = await AssignInABatchAsync(supervisor, clerk, one, two);
        var mine = await clerkClient.GetPageAsync("/agent?affectation=moi");
        var csv = await clerkClient.GetAsync("/agent/demandes.csv?affectation=moi");
        var body = await csv.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, batch.StatusCode);
        Assert.Contains(one.TrackingNumber!, mine.MainText, StringComparison.Ordinal);
        Assert.Contains(two.TrackingNumber!, mine.MainText, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains(one.TrackingNumber!, body, StringComparison.Ordinal);
        Assert.Contains("Numéro de suivi;Démarche;Demandeur", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatch_WhereOneRequestChangesMeanwhile_DoesTheOthers_AndSaysOneWasLeftOut()
    {
        var (_, one) = await SubmittedAsync();
        var (_, two) = await SubmittedAsync();
        var (_, clerk) = await ClerkAsync();
        var (supervisor, _) = await ClerkAsync(role: Roles.Supervisor);

        // Someone else is changing the second request while the batch runs: the batch waits for them.
        await using var other = new NpgsqlConnection(Factory.ConnectionString);
        await other.OpenAsync();
        await using var change = await other.BeginTransactionAsync();
        await using (var touch = new NpgsqlCommand("UPDATE requests SET updated_at = now() WHERE id = $1", other, change) { Parameters = { new() { Value = two.Id } } })
        {
            await touch.ExecuteNonQueryAsync();
        }
        await using var ours = new NpgsqlCommand("SELECT pg_current_xact_id()::text", other, change);
        var transaction = (string)(await ours.ExecuteScalarAsync())!;
        var posting = AssignInABatchAsync(supervisor, clerk, one, two);
        await WaitUntilSomeoneWaitsForAsync(transaction);
        await change.CommitAsync();
        var answer = await posting;

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var back = await supervisor.GetPageAsync(answer.Headers.Location!.OriginalString);
        Assert.Contains("1 demande(s) traitée(s) ; 1 ignorée(s)", back.MainText, StringComparison.Ordinal);
        Assert.Equal(clerk.Id, (await Factory.RequestAsync(one.Id)).AssignedClerkId);
        Assert.Null((await Factory.RequestAsync(two.Id)).AssignedClerkId);
        Assert.Empty(Factory.Errors.During("/agent/lot"));
    }

    /// <summary>Until a session waits for the end of <paramref name="transaction"/> (the batch, on the row it is changing).</summary>
    private async Task WaitUntilSomeoneWaitsForAsync(string transaction)
    {
        await using var watch = new NpgsqlConnection(Factory.ConnectionString);
        await watch.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND transactionid::text = $1 AND NOT granted", watch)
            {
                Parameters = { new() { Value = transaction } },
            };
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("Nobody waited for the request being changed.");
    }

    [Fact]
    public async Task AClerk_CannotAssignToSomeoneElse_OnlyASupervisorCan()
    {
        var (_, request) = await SubmittedAsync();
        var (clerk, _) = await ClerkAsync();
        var (_, colleague) = await ClerkAsync();
        var page = await CaseAsync(clerk, request);
        var token = page.Document.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = page.Document.QuerySelector("main input[name=version]")!.GetAttribute("value")!;

        var response = await clerk.PostAsync($"/agent/demandes/{request.TrackingNumber}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = version, ["operation"] = "attribuer", ["agent"] = colleague.Id,
        }));

        Assert.Contains("Seul un superviseur peut attribuer", (await TextOfAsync(response)), StringComparison.Ordinal);
        Assert.Null((await Factory.RequestAsync(request.Id)).AssignedClerkId);
    }

    [Fact]
    public async Task RejectingAPaidImporterCard_RefundsItThroughTheSandbox_AndTellsTheApplicant()
    {
        var user = await Factory.CreateAsync();
        var request = await Factory.FileAwaitingPaymentAsync(user);
        var citizen = Factory.NewVisitor();
        await citizen.SignInAsync(user.Email!);
        var pay = await citizen.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var checkout = (await citizen.SubmitFormAsync(pay, "form.stack", new Dictionary<string, string> { ["moyen"] = "flooz", ["telephone"] = "96 11 22 33" })).Headers.Location!.OriginalString;
        var sandbox = await citizen.GetPageAsync(checkout);
        await citizen.SubmitFormAsync(sandbox, "main form", null, "decision", "approuver");
        await TestPayments.EventuallyAsync(() => Factory.RequestAsync(request.Id), r => r.Status == RequestStatus.Submitted);
        var (clerk, _) = await ClerkAsync("MCIC");

        await ActAsync(clerk, await CaseAsync(clerk, request), "instruire");
        await ActAsync(clerk, await CaseAsync(clerk, request), "rejeter", new() { ["motif"] = "Le RCCM fourni est expiré." });
        var payment = Assert.Single(await Factory.PaymentsOfAsync(request.Id));
        var details = await citizen.GetPageAsync($"/demandes/{request.TrackingNumber}");

        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Contains("Le RCCM fourni est expiré.", details.MainText, StringComparison.Ordinal);
        Assert.Contains("Refusée", details.MainText, StringComparison.Ordinal);
    }
}
