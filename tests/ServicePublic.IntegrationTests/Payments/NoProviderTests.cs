using System.Net;
using ServicePublic.IntegrationTests.Hosts;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>A server without a payment provider (compose's default), and the sandbox kept out of Production.</summary>
[Collection(PortalCollection.Name)]
public sealed class NoProviderTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task WithoutAProvider_ARequestWithAFee_SaysPaymentIsUnavailable_AndWaitsWithNothingLost()
    {
        await using var node = Portal.AnotherNode(new Dictionary<string, string> { ["Payments:Sandbox:Enabled"] = "false" });
        var user = await Portal.CreateAsync();
        var request = await Portal.FileAwaitingPaymentAsync(user);
        var visitor = node.NewVisitor();
        await visitor.SignInAsync(user.Email!);

        var page = await visitor.GetPageAsync($"/demandes/{request.TrackingNumber}/paiement");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var tried = await visitor.PostAsync($"/demandes/{request.TrackingNumber}/paiement",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["moyen"] = "tmoney", ["telephone"] = "90123456" }));
        var after = await Portal.RequestAsync(request.Id);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Le paiement en ligne n'est pas disponible pour le moment. Réessayez plus tard.", page.MainText, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("input[name=moyen]"));
        Assert.NotEqual(HttpStatusCode.InternalServerError, tried.StatusCode);
        Assert.Empty(await Portal.PaymentsOfAsync(request.Id));
        Assert.Equal(RequestStatus.AwaitingPayment, after.Status);
        Assert.Equal(request.Answers, after.Answers);
    }

    [Fact]
    public void Production_WithTheSandboxOn_RefusesToStart_SayingWhy()
    {
        var settings = TestCertificates.Production();
        settings["Payments:Sandbox:Enabled"] = "true";
        using var production = new PortalFactory(Portal.ConnectionString, settings: settings);

        var failure = StartupFailure.Of(production);

        Assert.Contains("Payments:Sandbox:Enabled is true in Production", failure, StringComparison.Ordinal);
    }
}
