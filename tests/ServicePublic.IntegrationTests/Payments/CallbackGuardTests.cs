using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>Callbacks that name no open payment, oversized ones and floods: answered cheaply, nothing stored, never a 500.</summary>
[Collection(PortalCollection.Name)]
public sealed class CallbackGuardTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task ACallbackNamingNoPaymentOfThatProvider_Is404_AndNothingIsStored()
    {
        var body = TestPayments.CallbackBody(Guid.NewGuid(), "paid", 25_000);

        var response = await Portal.CreatePortalClient().PostCallbackAsync(body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await StoredAsync(body));
    }

    [Fact]
    public async Task ACallbackForASettledPayment_Is200_AndNothingIsStored()
    {
        var payment = await PendingPaymentAsync();
        var provider = Portal.CreatePortalClient();
        var paid = TestPayments.CallbackBody(payment.Id, "paid", payment.Amount);
        await provider.PostCallbackAsync(paid);

        var late = TestPayments.CallbackBody(payment.Id, "declined", payment.Amount);
        var response = await provider.PostCallbackAsync(late);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await StoredAsync(paid));
        Assert.Equal(0, await StoredAsync(late));
        Assert.Equal(PaymentStatus.Succeeded, (await Portal.PaymentsOfAsync(payment.RequestId)).Single().Status);
    }

    [Fact]
    public async Task AnOverlongContentType_Is400_NotA500_AndNothingIsStored()
    {
        var payment = await PendingPaymentAsync();
        var body = TestPayments.CallbackBody(payment.Id, "paid", payment.Amount);
        var message = new HttpRequestMessage(HttpMethod.Post, TestPayments.CallbackUrl) { Content = new StringContent(body, Encoding.UTF8) };
        message.Content.Headers.Remove("Content-Type");
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; padding=" + new string('a', 300));
        message.Headers.Add(SandboxSignature.Header, SandboxSignature.Sign(PortalFactory.SandboxSecret, body, DateTimeOffset.UtcNow));

        var response = await Portal.CreatePortalClient().SendAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await StoredAsync(body));
        Assert.Equal(PaymentStatus.Pending, (await Portal.PaymentsOfAsync(payment.RequestId)).Single().Status);
    }

    [Fact]
    public async Task AnOverlongBody_Is413_NotA500_AndNothingIsStored()
    {
        var payment = await PendingPaymentAsync();
        var padding = new string(' ', 70 * 1024);
        var body = TestPayments.CallbackBody(payment.Id, "paid", payment.Amount).Replace("{", "{" + padding, StringComparison.Ordinal);

        var response = await Portal.CreatePortalClient().PostCallbackAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await Portal.WithDbAsync(db => db.PaymentCallbacks.CountAsync(c => c.PaymentId == payment.Id || c.Body.Length > 64 * 1024)));
        Assert.Equal(PaymentStatus.Pending, (await Portal.PaymentsOfAsync(payment.RequestId)).Single().Status);
    }

    [Fact]
    public async Task AFloodOfCallbacksFromOneAddress_Gets429_OthersStillGetThrough()
    {
        await using var limited = Portal.AnotherNode(new Dictionary<string, string> { ["RateLimits:Callbacks:PermitLimit"] = "3" });
        var flooder = limited.NewVisitor();
        var provider = limited.NewVisitor();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await flooder.PostCallbackAsync(TestPayments.CallbackBody(Guid.NewGuid(), "paid", 25_000))).StatusCode);
        }
        var other = await provider.PostCallbackAsync(TestPayments.CallbackBody(Guid.NewGuid(), "paid", 25_000));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    /// <summary>A sandbox payment pending for a request awaiting payment, started as the applicant does.</summary>
    private async Task<Payment> PendingPaymentAsync()
    {
        var user = await Portal.CreateAsync();
        var request = await Portal.FileAwaitingPaymentAsync(user);
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        await visitor.SubmitFormAsync(page, "form.stack", new Dictionary<string, string> { ["moyen"] = "tmoney", ["telephone"] = "90 12 34 56" });
        return (await Portal.PaymentsOfAsync(request.Id)).Single();
    }

    private Task<int> StoredAsync(string body) => Portal.WithDbAsync(db => db.PaymentCallbacks.CountAsync(c => c.Body == body));
}
