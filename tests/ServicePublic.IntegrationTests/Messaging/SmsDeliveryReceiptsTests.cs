using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServicePublic.IntegrationTests.Payments;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Features.Development;
using ServicePublic.Web.Features.Telephone;
using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.IntegrationTests.Messaging;

/// <summary>A portal whose SMS go to a <see cref="FakeSmsGateway"/>, on a clock the tests move; its outbox jobs run when a test asks.</summary>
public sealed class SmsGatewayPortal : IAsyncLifetime
{
    public FakeSmsGateway Gateway { get; private set; } = null!;

    public PortalFactory Portal { get; private set; } = null!;

    public TestClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        Gateway = await FakeProvider.StartAsync<FakeSmsGateway>();
        Portal = new PortalFactory(await TestDatabase.CreateAsync("sp_receipts"), clock: Clock, settings: new Dictionary<string, string>
        {
            ["Outbox:Enabled"] = "false",
            ["Database:SeedCatalogue"] = "false",
            ["Sms:Http:Url"] = Gateway.BaseUrl + FakeSmsGateway.Path,
            ["Sms:Http:Token"] = FakeSmsGateway.Token,
        });
        Portal.Start();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

/// <summary>
/// Delivery receipts posted by the aggregator to /api/sms/statut: stored, a failure sent again by
/// the outbox, a delivery or a long silence erasing the body; forged, unknown and repeated ones harmless.
/// </summary>
public sealed class SmsDeliveryReceiptsTests(SmsGatewayPortal world) : IClassFixture<SmsGatewayPortal>
{
    private const string Code = "ServicePublic : votre code de connexion est 482913.";

    private PortalFactory Portal => world.Portal;

    [Fact]
    public async Task ADeliveredReceipt_IsStored_AndErasesTheBodyKeptUntilThen()
    {
        var (phone, sent) = await SentAsync();

        var response = await ReceiptAsync(sent.ProviderMessageId!, "DELIVERED");
        var delivered = await RowAsync(phone);

        Assert.Equal([Code], world.Gateway.SentTo(phone));
        Assert.StartsWith("gw-", sent.ProviderMessageId, StringComparison.Ordinal);
        Assert.Equal((SmsDelivery.Sent, Code), (sent.Delivery!.Value, sent.Body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SmsDelivery.Delivered, delivered.Delivery);
        Assert.NotNull(delivered.DeliveryReportedAt);
        Assert.Equal(OutboxMessage.ErasedBody, delivered.Body);
        Assert.Equal(OutboxStatus.Sent, delivered.Status);
    }

    [Fact]
    public async Task AFailedReceipt_PutsTheSmsBackToPending_AndTheNextRunSendsItAgain()
    {
        var (phone, sent) = await SentAsync();

        var response = await ReceiptAsync(sent.ProviderMessageId!, "failed", "abonne injoignable");
        var failed = await RowAsync(phone);
        await SendDueAsync();
        var sentTooSoon = world.Gateway.SentTo(phone).Count;
        world.Clock.Advance(TimeSpan.FromMinutes(2));
        await SendDueAsync();
        var again = await RowAsync(phone);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((OutboxStatus.Pending, SmsDelivery.Failed, "abonne injoignable", Code), (failed.Status, failed.Delivery!.Value, failed.DeliveryError!, failed.Body));
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(1, sentTooSoon);
        Assert.Equal([Code, Code], world.Gateway.SentTo(phone));
        Assert.Equal((OutboxStatus.Sent, SmsDelivery.Sent, 2), (again.Status, again.Delivery!.Value, again.Attempts));
        Assert.NotEqual(sent.ProviderMessageId, again.ProviderMessageId);
    }

    [Fact]
    public async Task AnUnsignedOrForgedReceipt_IsRefused_AndChangesNothing()
    {
        var (phone, sent) = await SentAsync();
        var body = $"id={sent.ProviderMessageId}&status=delivered";

        var unsigned = await Portal.CreatePortalClient().PostAsync(TelephonePaths.SmsStatus, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var forged = await Portal.PostSignedAsync(TelephonePaths.SmsStatus, body, secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("", await forged.Content.ReadAsStringAsync());
        Assert.Equal(Snapshot(sent), Snapshot(await RowAsync(phone)));
    }

    [Fact]
    public async Task AnUnknownId_Gets404AndNothingElse_AnUnreadableStatus400()
    {
        var (phone, sent) = await SentAsync();

        var unknown = await ReceiptAsync("gw-inconnu", "delivered");
        var expired = await ReceiptAsync(sent.ProviderMessageId!, "expired");
        var noId = await ReceiptAsync("", "delivered");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.Equal(Snapshot(sent), Snapshot(await RowAsync(phone)));
    }

    [Fact]
    public async Task RepeatedReceipts_AreHarmless_AndADeliveredSmsStaysDelivered()
    {
        var (phone, sent) = await SentAsync();

        await ReceiptAsync(sent.ProviderMessageId!, "failed");
        var once = await RowAsync(phone);
        var twice = await ReceiptAsync(sent.ProviderMessageId!, "failed");
        var afterTwice = await RowAsync(phone);
        world.Clock.Advance(TimeSpan.FromMinutes(2));
        await SendDueAsync();
        await SendDueAsync();
        var resent = await RowAsync(phone);
        await ReceiptAsync(resent.ProviderMessageId!, "delivered");
        var delivered = await RowAsync(phone);
        var late = await Task.WhenAll(
            ReceiptAsync(resent.ProviderMessageId!, "delivered"), ReceiptAsync(resent.ProviderMessageId!, "failed"), ReceiptAsync(resent.ProviderMessageId!, "sent"));

        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(Snapshot(once), Snapshot(afterTwice));
        Assert.Equal(2, world.Gateway.SentTo(phone).Count);
        Assert.All(late, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Snapshot(delivered), Snapshot(await RowAsync(phone)));
        Assert.Equal((OutboxStatus.Sent, SmsDelivery.Delivered, 2), (delivered.Status, delivered.Delivery!.Value, delivered.Attempts));
    }

    [Fact]
    public async Task AnSmsLeftWithoutAReceipt_LosesItsBodyAfterTheWait_AndALateFailureGivesItUp()
    {
        var (phone, sent) = await SentAsync();
        var retention = Portal.Services.GetServices<IHostedService>().OfType<OutboxRetention>().Single();

        await retention.RunOnceAsync(CancellationToken.None);
        var soon = await RowAsync(phone);
        world.Clock.Advance(TimeSpan.FromHours(new OutboxSenderOptions().ReceiptWaitHours + 1));
        await retention.RunOnceAsync(CancellationToken.None);
        var later = await RowAsync(phone);
        await ReceiptAsync(sent.ProviderMessageId!, "failed");
        await SendDueAsync();
        var givenUp = await RowAsync(phone);

        Assert.Equal(Code, soon.Body);
        Assert.Equal((SmsDelivery.Sent, OutboxMessage.ErasedBody), (later.Delivery!.Value, later.Body));
        Assert.Equal((OutboxStatus.Failed, SmsDelivery.Failed), (givenUp.Status, givenUp.Delivery!.Value));
        Assert.Single(world.Gateway.SentTo(phone));
    }

    [Fact]
    public async Task AGatewayAnsweringWithoutAnId_HasItsSmsErasedAtOnce()
    {
        var phone = TestAccounts.NewPhone();
        world.Gateway.WithoutIds[phone] = true;

        var (_, sent) = await SentAsync(phone);

        Assert.Equal([Code], world.Gateway.SentTo(phone));
        Assert.Null(sent.ProviderMessageId);
        Assert.Equal((OutboxStatus.Sent, SmsDelivery.Sent, OutboxMessage.ErasedBody), (sent.Status, sent.Delivery!.Value, sent.Body));
    }

    [Fact]
    public async Task DevMessages_ShowsAnSmsDeliveryState_AndSimulatesItsReceipt_InDevelopmentOnly()
    {
        await using var dev = new PortalFactory(await TestDatabase.CreateAsync("sp_dev_receipts"), settings: new Dictionary<string, string>
        {
            ["environment"] = Environments.Development,
            ["Outbox:Enabled"] = "false",
            ["Database:SeedCatalogue"] = "false",
        });
        dev.Start();
        var phone = TestAccounts.NewPhone();
        await AddAsync(dev, phone);
        var sender = dev.Services.GetServices<IHostedService>().OfType<OutboxSender>().Single();
        await sender.RunOnceAsync(CancellationToken.None);
        var visitor = dev.NewVisitor();

        var page = await visitor.GetPageAsync(DevelopmentPaths.Messages);
        var awaiting = page.Document.QuerySelector("#messages .delivery")!.TextContent;
        var simulated = await visitor.SubmitFormAsync(page, "#messages form.receipt", submitName: "status", submitValue: "failed");
        var failed = await LatestAsync(dev, phone);
        var after = await visitor.GetPageAsync(DevelopmentPaths.Messages);
        var elsewhere = await Portal.CreatePortalClient().PostAsync(DevelopmentPaths.Receipt, new FormUrlEncodedContent([new("id", "dev-x"), new("status", "failed")]));

        Assert.Equal("accusé de réception attendu", awaiting);
        Assert.Equal(HttpStatusCode.Redirect, simulated.StatusCode);
        Assert.Equal((OutboxStatus.Pending, SmsDelivery.Failed, Code), (failed.Status, failed.Delivery!.Value, failed.Body));
        Assert.Equal(DevMessagesController.SimulatedFailure, failed.DeliveryError);
        Assert.Equal("non distribué", after.Document.QuerySelector("#messages .delivery")!.TextContent);
        Assert.Null(after.Document.QuerySelector("#messages form.receipt"));
        Assert.Contains(elsewhere.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
    }

    /// <summary>An SMS to a new number (or <paramref name="phone"/>), sent through the gateway; its row once sent.</summary>
    private async Task<(string Phone, OutboxMessage Sent)> SentAsync(string? phone = null)
    {
        phone ??= TestAccounts.NewPhone();
        await AddAsync(Portal, phone);
        await SendDueAsync();
        return (phone, await RowAsync(phone));
    }

    private Task SendDueAsync() =>
        Portal.Services.GetServices<IHostedService>().OfType<OutboxSender>().Single().RunOnceAsync(CancellationToken.None);

    private Task<HttpResponseMessage> ReceiptAsync(string id, string status, string? error = null) =>
        Portal.PostSignedAsync(TelephonePaths.SmsStatus,
            $"id={Uri.EscapeDataString(id)}&status={Uri.EscapeDataString(status)}" + (error is null ? "" : $"&error={Uri.EscapeDataString(error)}"));

    private Task<OutboxMessage> RowAsync(string phone) => LatestAsync(Portal, phone);

    private static Task<OutboxMessage> LatestAsync(PortalFactory portal, string phone) =>
        portal.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == phone).OrderByDescending(m => m.Id).FirstAsync());

    private static async Task AddAsync(PortalFactory portal, string phone)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.OutboxMessages.Add(OutboxMessage.Sms(phone, Code, portal.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private static object Snapshot(OutboxMessage m) =>
        (m.Status, m.Delivery, m.DeliveryReportedAt, m.DeliveryError, m.ProviderMessageId, m.Attempts, m.NextAttemptAt, m.Body);
}
