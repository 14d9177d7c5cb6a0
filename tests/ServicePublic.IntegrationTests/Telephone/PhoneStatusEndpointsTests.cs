using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Features.Telephone;

namespace ServicePublic.IntegrationTests.Telephone;

/// <summary>The aggregator's posts: a status by SMS and by USSD, the same "not found" for anything else, forged posts refused, a limit per phone.</summary>
[Collection(PortalCollection.Name)]
public sealed class PhoneStatusEndpointsTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task ASignedSms_WithTheNumberAndCode_IsAnsweredBySmsWithTheStatus()
    {
        var (number, code) = await FiledAsync();
        var phone = TestAccounts.NewPhone();

        var response = await PostAsync(TelephonePaths.SmsInbound, $"from={Uri.EscapeDataString(phone)}&text={Uri.EscapeDataString($"suivi {number} {code.ToLowerInvariant()}")}");
        var sms = await SmsToAsync(phone);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(sms);
        Assert.StartsWith($"ServicePublic {number} (Bulletin n", reply, StringComparison.Ordinal);
        Assert.Contains(": Deposee le ", reply, StringComparison.Ordinal);
        Assert.Contains("Reponse prevue au plus tard le ", reply, StringComparison.Ordinal);
        Assert.True(reply.Length <= 160, reply);
    }

    [Fact]
    public async Task AWrongCode_AnUnknownNumber_AndGarbage_GetTheSameShortAnswer()
    {
        var (number, _) = await FiledAsync();
        var phone = TestAccounts.NewPhone();

        foreach (var text in new[] { $"SUIVI {number} AAAAAA", "SUIVI TG-2026-99999999 K7P2QX", "bonjour, ou en est mon dossier ?" })
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(TelephonePaths.SmsInbound, $"from={Uri.EscapeDataString(phone)}&text={Uri.EscapeDataString(text)}")).StatusCode);
        }

        Assert.Equal([PhoneReplies.NotFound, PhoneReplies.NotFound, PhoneReplies.NotFound], await SmsToAsync(phone));
    }

    [Fact]
    public async Task AnUnsignedOrForgedPost_IsRefused_AndAnswersNothing()
    {
        var (number, code) = await FiledAsync();
        var phone = TestAccounts.NewPhone();
        var body = $"from={Uri.EscapeDataString(phone)}&text={Uri.EscapeDataString($"SUIVI {number} {code}")}";

        var unsigned = await Portal.CreatePortalClient().PostAsync(TelephonePaths.SmsInbound, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var forged = await PostAsync(TelephonePaths.SmsInbound, body, secret: "not-the-secret");
        var ussdForged = await PostAsync(TelephonePaths.Ussd, $"sessionId=s1&phoneNumber={Uri.EscapeDataString(phone)}&text=", secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ussdForged.StatusCode);
        Assert.Empty(await SmsToAsync(phone));
    }

    [Fact]
    public async Task APhone_AsksTenTimesAnHour_IsToldOnceWhenItAsksMore_ThenGetsNoAnswer()
    {
        var phone = TestAccounts.NewPhone();

        for (var i = 0; i < 12; i++)
        {
            await PostAsync(TelephonePaths.SmsInbound, $"from={Uri.EscapeDataString(phone)}&text=SUIVI+TG-2026-99999999+K7P2QX");
        }

        var sms = await SmsToAsync(phone);
        Assert.Equal(11, sms.Count);
        Assert.Equal(PhoneReplies.TooMany, sms[^1]);
    }

    [Fact]
    public async Task Ussd_AsksTheNumber_ThenTheCode_ThenEndsWithTheStatus()
    {
        var (number, code) = await FiledAsync();
        var phone = Uri.EscapeDataString(TestAccounts.NewPhone());

        async Task<string> StepAsync(string text) =>
            await (await PostAsync(TelephonePaths.Ussd, $"sessionId=s42&serviceCode=*909%23&phoneNumber={phone}&text={Uri.EscapeDataString(text)}")).Content.ReadAsStringAsync();

        Assert.Equal(UssdMenu.Welcome, await StepAsync(""));
        Assert.Equal(UssdMenu.AskNumber, await StepAsync("1"));
        Assert.Equal(UssdMenu.AskCode, await StepAsync($"1*{number.Replace("-", "", StringComparison.Ordinal)}"));
        var end = await StepAsync($"1*{number}*{code}");
        var wrong = await StepAsync($"1*{number}*ZZZZZZ");

        Assert.StartsWith($"END ServicePublic {number}", end, StringComparison.Ordinal);
        Assert.True(end.Length <= PhoneReplies.UssdScreenLength, end);
        Assert.Equal("END " + PhoneReplies.NotFound, wrong);
    }

    private async Task<(string Number, string Code)> FiledAsync()
    {
        var request = await Portal.FileAsync(await Portal.CreateAsync());
        return (request.TrackingNumber!, request.CheckCode!);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string secret = PortalFactory.TelephonySecret) =>
        Portal.PostSignedAsync(path, body, secret);

    private Task<List<string>> SmsToAsync(string phone) =>
        Portal.WithDbAsync(db => db.OutboxMessages.Where(m => m.Channel == MessageChannel.Sms && m.Recipient == phone).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
}
