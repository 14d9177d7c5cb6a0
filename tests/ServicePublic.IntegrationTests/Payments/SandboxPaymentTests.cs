using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>Paying through the built-in sandbox, as an applicant does: page, checkout, callbacks, receipt.</summary>
[Collection(PortalCollection.Name)]
public sealed class SandboxPaymentTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    private async Task<(HttpClient Visitor, Request Request)> AwaitingPaymentAsync()
    {
        var user = await Factory.CreateAsync();
        var request = await Factory.FileAwaitingPaymentAsync(user);
        var visitor = Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        return (visitor, request);
    }

    /// <summary>Chooses T-Money on the payment page; returns the sandbox checkout address it leads to.</summary>
    private static async Task<string> StartAsync(HttpClient visitor, Request request, string method = "tmoney", string phone = "90 12 34 56")
    {
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var started = await visitor.SubmitFormAsync(page, "form.stack", new Dictionary<string, string> { ["moyen"] = method, ["telephone"] = phone });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return started.Headers.Location!.OriginalString;
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient visitor, string checkout, string decision, SandboxDelivery delivery = SandboxDelivery.Normal)
    {
        var page = await visitor.GetPageAsync(checkout);
        return await visitor.SubmitFormAsync(page, "main form", new Dictionary<string, string> { ["notifications"] = delivery.ToString() }, "decision", decision);
    }

    private async Task<Payment> SinglePaymentAsync(Guid requestId) => Assert.Single(await Factory.PaymentsOfAsync(requestId));

    [Fact]
    public async Task Applicant_SeesTheAmount_PaysInTheSandbox_AndGetsAReceipt_AndTheRequestIsSubmitted()
    {
        var (visitor, request) = await AwaitingPaymentAsync();

        var payPage = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var checkout = await StartAsync(visitor, request);
        var checkoutPage = await visitor.GetPageAsync(checkout);
        var approved = await DecideAsync(visitor, checkout, "approuver");
        // Back on the portal, which asks the provider at once rather than wait for the callback.
        var back = await visitor.GetAsync(new Uri(approved.Headers.Location!.OriginalString).PathAndQuery);
        var after = await visitor.GetPageAsync(back.Headers.Location!.OriginalString);
        var payment = await SinglePaymentAsync(request.Id);
        var receipt = await visitor.GetPageAsync($"/recus/{payment.ReceiptNumber}");

        Assert.Contains("Frais de délivrance annuels (commerçant personne physique)", payPage.MainText, StringComparison.Ordinal);
        Assert.Contains("Payer 25 000 FCFA", payPage.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain("50 000", payPage.MainText, StringComparison.Ordinal);
        Assert.StartsWith("/sandbox/paiement/SBX-", checkout, StringComparison.Ordinal);
        Assert.Contains("25 000 FCFA", checkoutPage.MainText, StringComparison.Ordinal);
        Assert.Contains("Paiement reçu : 25 000 FCFA.", after.MainText, StringComparison.Ordinal);
        Assert.Equal((PaymentStatus.Succeeded, 25_000L), (payment.Status, payment.Amount));
        Assert.Matches(@"^RC-\d{4}-\d{8}$", payment.ReceiptNumber);
        Assert.Equal(RequestStatus.Submitted, (await Factory.RequestAsync(request.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Contains($"Reçu de paiement n° {payment.ReceiptNumber}", receipt.MainText, StringComparison.Ordinal);
        Assert.Contains(request.TrackingNumber!, receipt.MainText, StringComparison.Ordinal);
        Assert.Contains("Afi Mensah", receipt.MainText, StringComparison.Ordinal);
        Assert.NotNull(receipt.Document.QuerySelector("img.qr[src^='data:image/svg+xml']"));
        // The signed callback also arrives: whichever of it and the return check came first applied
        // the payment, the other changed nothing (a callback for a settled payment is not even
        // stored) — one submission either way.
        await TestPayments.EventuallyAsync(
            () => Factory.WithDbAsync(db => db.SandboxNotifications.CountAsync(n => n.TransactionId == payment.ProviderReference && n.DeliveredAt != null)),
            delivered => delivered == 1);
        var callbacks = await Factory.WithDbAsync(db => db.PaymentCallbacks.Where(c => c.PaymentId == payment.Id).Select(c => c.Outcome).ToListAsync());
        Assert.All(callbacks, outcome => Assert.Contains(outcome, new[] { "Appliqué : Paid", "Sans effet (déjà connu) : Paid" }));
        Assert.Single((await Factory.RequestAsync(request.Id)).Events, e => e.To == RequestStatus.Submitted);
    }

    [Fact]
    public async Task TheCallbackAlone_SubmitsTheRequest_AndTheApplicantGetsTheReceiptByEmail()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        var checkout = await StartAsync(visitor, request);

        await DecideAsync(visitor, checkout, "approuver");
        var payment = await TestPayments.EventuallyAsync(() => SinglePaymentAsync(request.Id), p => p.Status == PaymentStatus.Succeeded);
        var filed = await Factory.RequestAsync(request.Id);
        var email = await Factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Subject!.StartsWith("Paiement reçu") && m.Body.Contains(request.TrackingNumber!)).Select(m => m.Body).SingleAsync());

        Assert.Equal(RequestStatus.Submitted, filed.Status);
        Assert.Single(filed.Events, e => e.To == RequestStatus.Submitted);
        Assert.NotNull(filed.DueAt);
        Assert.Contains($"/recus/{payment.ReceiptNumber}", email, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameCallback_FiveTimesAtOnce_IsAppliedOnce()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        await StartAsync(visitor, request);
        var payment = await SinglePaymentAsync(request.Id);
        var body = TestPayments.CallbackBody(payment.Id, "paid", payment.Amount, payment.ProviderReference!);
        var provider = Factory.CreatePortalClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => provider.PostCallbackAsync(body)));
        var outcomes = await Factory.WithDbAsync(db => db.PaymentCallbacks.Where(c => c.PaymentId == payment.Id).Select(c => c.Outcome).ToListAsync());
        var filed = await Factory.RequestAsync(request.Id);
        var receipts = await Factory.WithDbAsync(db => db.Payments.CountAsync(p => p.RequestId == request.Id && p.ReceiptNumber != null));
        var emails = await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Subject!.StartsWith("Paiement reçu") && m.Body.Contains(request.TrackingNumber!)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(outcomes, o => o.StartsWith("Appliqué", StringComparison.Ordinal));
        Assert.Single(filed.Events, e => e.To == RequestStatus.Submitted);
        Assert.Equal(1, receipts);
        Assert.Equal(1, emails);
    }

    [Fact]
    public async Task ALatePending_OrDeclined_AfterPaid_ChangesNothing()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        await StartAsync(visitor, request);
        var payment = await SinglePaymentAsync(request.Id);
        var provider = Factory.CreatePortalClient();

        await provider.PostCallbackAsync(TestPayments.CallbackBody(payment.Id, "paid", payment.Amount));
        var pending = await provider.PostCallbackAsync(TestPayments.CallbackBody(payment.Id, "pending", payment.Amount));
        var declined = await provider.PostCallbackAsync(TestPayments.CallbackBody(payment.Id, "declined", payment.Amount));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (pending.StatusCode, declined.StatusCode));
        Assert.Equal(PaymentStatus.Succeeded, (await SinglePaymentAsync(request.Id)).Status);
        Assert.Equal(RequestStatus.Submitted, (await Factory.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task TheSandbox_SendingOutOfOrderAndTwice_EndsPaidOnce()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        var checkout = await StartAsync(visitor, request);

        await DecideAsync(visitor, checkout, "approuver", SandboxDelivery.OutOfOrder);
        var payment = await TestPayments.EventuallyAsync(() => SinglePaymentAsync(request.Id), p => p.Status == PaymentStatus.Succeeded);
        // Both callbacks (paid, then a stale pending) arrive; the second, for a settled payment, is
        // answered without being stored.
        await TestPayments.EventuallyAsync(
            () => Factory.WithDbAsync(db => db.SandboxNotifications.CountAsync(n => n.TransactionId == payment.ProviderReference && n.DeliveredAt != null)),
            delivered => delivered == 2);
        var outcomes = await Factory.WithDbAsync(db => db.PaymentCallbacks.Where(c => c.PaymentId == payment.Id).OrderBy(c => c.Id).Select(c => c.Outcome).ToListAsync());

        Assert.Equal(["Appliqué : Paid"], outcomes);
        Assert.Equal(PaymentStatus.Succeeded, (await SinglePaymentAsync(request.Id)).Status);
    }

    [Theory]
    [InlineData("wrong-secret", 0, "Refusé : signature invalide")]
    [InlineData(null, 0, "Refusé : signature absente")]
    [InlineData(PortalFactory.SandboxSecret, -3600, "Refusé : signature trop ancienne, rejeu possible")]
    public async Task AForgedMissingOrReplayedSignature_IsRefused_StoredAndChangesNothing(string? secret, int ageSeconds, string outcome)
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        await StartAsync(visitor, request);
        var payment = await SinglePaymentAsync(request.Id);
        var body = TestPayments.CallbackBody(payment.Id, "paid", payment.Amount);

        var response = await Factory.CreatePortalClient().PostCallbackAsync(body, secret, DateTimeOffset.UtcNow.AddSeconds(ageSeconds));
        var stored = await Factory.WithDbAsync(db => db.PaymentCallbacks.Where(c => c.Body == body).SingleAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(outcome, stored.Outcome);
        Assert.Equal(PaymentStatus.Pending, (await SinglePaymentAsync(request.Id)).Status);
        Assert.Equal(RequestStatus.AwaitingPayment, (await Factory.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task ACallbackForAnUnknownPayment_Is404_AndAnUnreadableOne_400()
    {
        var provider = Factory.CreatePortalClient();

        var unknown = await provider.PostCallbackAsync(TestPayments.CallbackBody(Guid.NewGuid(), "paid", 25_000));
        var unreadable = await provider.PostCallbackAsync("{\"status\": 12}");
        var otherProvider = await provider.PostAsync("/api/paiements/inconnu/notification", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherProvider.StatusCode);
    }

    [Fact]
    public async Task AWrongAmount_IsFlaggedForASupervisor_NotApplied()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        await StartAsync(visitor, request);
        var payment = await SinglePaymentAsync(request.Id);

        var response = await Factory.CreatePortalClient().PostCallbackAsync(TestPayments.CallbackBody(payment.Id, "paid", 100));
        var after = await SinglePaymentAsync(request.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PaymentStatus.Pending, after.Status);
        Assert.Contains("100 FCFA, attendu : 25000 FCFA", after.Anomaly, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.AwaitingPayment, (await Factory.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task ADeclinedPayment_LetsTheApplicantTryAgain()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        var checkout = await StartAsync(visitor, request);

        var declined = await DecideAsync(visitor, checkout, "refuser");
        await visitor.GetAsync(new Uri(declined.Headers.Location!.OriginalString).PathAndQuery);
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var second = await StartAsync(visitor, request, "flooz", "96 00 11 22");
        var payments = await Factory.PaymentsOfAsync(request.Id);

        Assert.Contains("Tentatives précédentes", page.MainText, StringComparison.Ordinal);
        Assert.Contains("échoué", page.MainText, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("input[name=moyen][value=flooz]"));
        Assert.StartsWith("/sandbox/paiement/", second, StringComparison.Ordinal);
        Assert.Equal([PaymentStatus.Failed, PaymentStatus.Pending], payments.Select(p => p.Status));
        Assert.Equal(RequestStatus.AwaitingPayment, (await Factory.RequestAsync(request.Id)).Status);
    }

    [Fact]
    public async Task OnlyOneAttemptAtATime_UntilTheApplicantCancelsIt()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        await StartAsync(visitor, request);

        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var again = await visitor.PostAsync($"/demandes/{request.TrackingNumber}/paiement", await AntiforgeryFormAsync(visitor, request));
        var cancelled = await visitor.SubmitFormAsync(page, "form[action$='/paiement/annuler']");
        var payments = await Factory.PaymentsOfAsync(request.Id);

        Assert.Contains("Paiement de 25 000 FCFA en cours.", page.MainText, StringComparison.Ordinal);
        Assert.Contains("Un paiement est déjà en cours", Html.Collapse(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(PaymentStatus.Cancelled, Assert.Single(payments).Status);
    }

    /// <summary>The fields of a start form, with a valid token, posted while an attempt is pending (a second tab).</summary>
    private static async Task<FormUrlEncodedContent> AntiforgeryFormAsync(HttpClient visitor, Request request)
    {
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var token = page.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["moyen"] = "tmoney", ["telephone"] = "90123456" });
    }

    [Theory]
    [InlineData("tmoney", "", "Saisissez le numéro du compte qui paie")]
    [InlineData("tmoney", "12 34", "Ce numéro n'est pas valide")]
    [InlineData("tmoney", "96 00 11 22", "Ce numéro n'est pas un numéro Togocel")]
    [InlineData("flooz", "90 12 34 56", "Ce numéro n'est pas un numéro Moov Africa")]
    [InlineData("cheque", "90 12 34 56", "Choisissez un moyen de paiement.")]
    public async Task ABadPhoneOrMethod_GetsAClearMessage_KeepsWhatWasTyped_AndCreatesNoPayment(string method, string phone, string message)
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");

        var response = await visitor.SubmitFormAsync(page, "form.stack", new Dictionary<string, string> { ["moyen"] = method, ["telephone"] = phone });
        var again = new Html.Page(response, await Html.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, again.MainText, StringComparison.Ordinal);
        Assert.Equal(phone, again.Document.QuerySelector("input[name=telephone]")!.GetAttribute("value") ?? "");
        Assert.Empty(await Factory.PaymentsOfAsync(request.Id));
    }

    [Fact]
    public async Task SomeoneElse_CannotSeeOrPayTheRequest_OrReadItsReceipt()
    {
        var (owner, request) = await AwaitingPaymentAsync();
        var ownPage = await owner.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var stranger = Factory.NewVisitor();
        await stranger.SignInAsync((await Factory.CreateAsync()).Email!);

        var get = await stranger.GetAsync($"/demandes/{request.TrackingNumber}/paiement");
        var post = await stranger.SubmitFormAsync(ownPage, "form.stack", new Dictionary<string, string> { ["moyen"] = "tmoney", ["telephone"] = "90123456" });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        // The owner's form (and token) posted from another account: refused, nothing created.
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{post.StatusCode}");
        Assert.Empty(await Factory.PaymentsOfAsync(request.Id));
    }

    [Fact]
    public async Task PayingARequestThatIsNotAwaitingPayment_ChangesNothing()
    {
        var user = await Factory.CreateAsync();
        var request = await Factory.FileAsync(user);
        var visitor = Factory.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");

        Assert.Contains("Cette demande n'attend pas de paiement.", page.MainText, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("form.stack"));
        Assert.Null(page.Document.QuerySelector("main input[name=moyen]"));
        Assert.Empty(await Factory.PaymentsOfAsync(request.Id));
    }

    [Fact]
    public async Task Reconciliation_FindsAPaymentWhoseCallbackWasLost_AndExpiresOneLeftPendingForADay()
    {
        var (visitor, lostCallback) = await AwaitingPaymentAsync();
        await DecideAsync(visitor, await StartAsync(visitor, lostCallback), "approuver", SandboxDelivery.Lost);
        var (otherVisitor, abandoned) = await AwaitingPaymentAsync();
        await StartAsync(otherVisitor, abandoned);
        await Factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE payments SET created_at = created_at - interval '10 minutes' WHERE request_id = {lostCallback.Id};
            UPDATE payments SET created_at = created_at - interval '25 hours' WHERE request_id = {abandoned.Id};
            """));

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var reconciliation = scope.ServiceProvider.GetRequiredService<Reconciliation>();
            while (await reconciliation.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
        }

        Assert.Equal(PaymentStatus.Succeeded, (await SinglePaymentAsync(lostCallback.Id)).Status);
        Assert.Equal(RequestStatus.Submitted, (await Factory.RequestAsync(lostCallback.Id)).Status);
        Assert.Equal(PaymentStatus.Expired, (await SinglePaymentAsync(abandoned.Id)).Status);
        Assert.Equal(RequestStatus.AwaitingPayment, (await Factory.RequestAsync(abandoned.Id)).Status);
        var page = await otherVisitor.GetPageAsync($"/demandes/{abandoned.TrackingNumber}/paiement");
        Assert.NotNull(page.Document.QuerySelector("form.stack input[name=moyen]"));
    }

    [Fact]
    public async Task ARejectedPaidRequest_WithRefundableFees_IsRefundedThroughTheSandbox()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        await DecideAsync(visitor, await StartAsync(visitor, request), "approuver");
        var paid = await TestPayments.EventuallyAsync(() => SinglePaymentAsync(request.Id), p => p.Status == PaymentStatus.Succeeded);

        var clerk = await Factory.CreateAsync(roles: [Web.Domain.Accounts.Roles.Agent], ministryCode: "MCIC");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
            var tracked = await db.Requests.Include(r => r.Events).SingleAsync(r => r.Id == request.Id);
            tracked.StartReview(clerk.Id, DateTimeOffset.UtcNow);
            tracked.Reject(clerk.Id, "Registre du commerce expiré", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<Refunds>().RefundRejectedAsync(tracked, CancellationToken.None);
        }
        var refunded = await SinglePaymentAsync(request.Id);
        var sandbox = await Factory.WithDbAsync(db => db.SandboxTransactions.SingleAsync(t => t.MerchantReference == paid.Id));
        var receipt = await visitor.GetPageAsync($"/recus/{paid.ReceiptNumber}");

        Assert.Equal((PaymentStatus.Refunded, 25_000L), (refunded.Status, refunded.RefundedAmount));
        Assert.StartsWith("SBX-RF-", refunded.RefundReference, StringComparison.Ordinal);
        Assert.Equal(SandboxStatus.Refunded, sandbox.Status);
        Assert.Contains("25 000 FCFA remboursés le", receipt.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReceiptQrCode_LetsAnyoneCheckIt_WithTheNameMasked_ButNotWithoutItsCode()
    {
        var (visitor, request) = await AwaitingPaymentAsync();
        await DecideAsync(visitor, await StartAsync(visitor, request), "approuver");
        var paid = await TestPayments.EventuallyAsync(() => SinglePaymentAsync(request.Id), p => p.Status == PaymentStatus.Succeeded);
        var anyone = Factory.NewVisitor();

        var withCode = await anyone.GetPageAsync($"/recus/{paid.ReceiptNumber}?code={paid.ReceiptCode}");
        var withoutCode = await anyone.GetAsync($"/recus/{paid.ReceiptNumber}");
        var wrongCode = await anyone.GetAsync($"/recus/{paid.ReceiptNumber}?code=0000000000000000");
        var unknown = await anyone.GetAsync("/recus/RC-2026-99999999");

        Assert.Equal(HttpStatusCode.OK, withCode.Status);
        Assert.Contains("Reçu authentique", withCode.MainText, StringComparison.Ordinal);
        Assert.Contains("A** M*****", withCode.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain("Afi Mensah", withCode.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain(request.TrackingNumber!, withCode.MainText, StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { withoutCode.StatusCode, wrongCode.StatusCode, unknown.StatusCode });
    }
}
