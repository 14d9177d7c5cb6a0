using System.Net;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Accounts;

/// <summary>A portal whose clock the tests move, on a database of its own, with a small budget for SMS abroad.</summary>
public sealed class SmsCodesPortal : IAsyncLifetime
{
    public TestClock Clock { get; } = new();

    public PortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(await TestDatabase.CreateAsync("sp_sms"), settings: new Dictionary<string, string> { ["RateLimits:Sms:ForeignPerHour"] = "3" }, clock: Clock);
        Factory.Start();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Every SMS code works once, for 5 minutes; 5 wrong tries lock the number for 15 minutes whatever
/// the ticket, the address or the web node; a number gets 5 codes an hour, a foreign one fewer.
/// </summary>
public sealed class SmsCodeRulesTests(SmsCodesPortal fixture) : IClassFixture<SmsCodesPortal>
{
    private const string NumberLocked = "ce numéro de téléphone est bloqué pendant 15 minutes";

    private PortalFactory Portal => fixture.Factory;

    private static async Task<Html.Page> AskForCodeAsync(HttpClient visitor, string phone)
    {
        var request = await visitor.GetPageAsync("/compte/connexion/sms");
        var sent = await visitor.SubmitFormAsync(request, "form#sms-request", new Dictionary<string, string> { ["Phone"] = phone });
        return new Html.Page(sent, await Html.ParseAsync(sent));
    }

    private static Task<HttpResponseMessage> TypeAsync(HttpClient visitor, Html.Page codePage, string code, string? ticket = null)
    {
        var values = new Dictionary<string, string> { ["Code"] = code };
        if (ticket is not null)
        {
            values["Ticket"] = ticket;
        }
        return visitor.SubmitFormAsync(codePage, "form#sms-code", values);
    }

    /// <summary>Types five wrong codes on <paramref name="codePage"/>; returns what each answer said.</summary>
    private static async Task<List<string>> FiveWrongCodesAsync(HttpClient visitor, Html.Page codePage, string rightCode)
    {
        var texts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            texts.Add(await TextOfAsync(await TypeAsync(visitor, codePage, Wrong(rightCode))));
        }
        return texts;
    }

    private static async Task<string> TextOfAsync(HttpResponseMessage response) => Html.Collapse((await Html.ParseAsync(response)).QuerySelector("main")!.TextContent);

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";

    private async Task<string> LatestCodeAsync(string phone) => TestAccounts.CodeIn((await Portal.LatestMessageAsync(phone))!);

    [Fact]
    public async Task SmsCode_IsRefused_WhenTypedAgainAfterItSignedIn()
    {
        var phone = TestAccounts.NewPhone();
        await Portal.CreateAsync(phone: phone);
        var owner = Portal.NewVisitor();
        var page = await AskForCodeAsync(owner, phone);
        var code = await LatestCodeAsync(phone);
        var ticket = page.Document.QuerySelector("input[name=Ticket]")!.GetAttribute("value")!;

        var first = await TypeAsync(owner, page, code);
        // Someone who saw the SMS and the form replays both, from a session of their own.
        var replayer = Portal.NewVisitor();
        var replayPage = await AskForCodeAsync(replayer, TestAccounts.NewPhone());
        var replay = await TypeAsync(replayer, replayPage, code, ticket);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("Ce code n'est pas valable", await TextOfAsync(replay));
        Assert.Equal(HttpStatusCode.Redirect, (await replayer.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task SmsCode_IsRefused_FiveMinutesAfterItWasSent_AsTheSmsSays()
    {
        var phone = TestAccounts.NewPhone();
        await Portal.CreateAsync(phone: phone);
        var visitor = Portal.NewVisitor();
        var page = await AskForCodeAsync(visitor, phone);
        var sms = (await Portal.LatestMessageAsync(phone))!;

        fixture.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await TypeAsync(visitor, page, TestAccounts.CodeIn(sms));

        Assert.Contains("expire dans 5 minutes", sms);
        Assert.Contains("expire dans 5 minutes", page.MainText);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Ce code n'est pas valable", await TextOfAsync(late));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task FiveWrongCodes_LockTheNumber_ForOtherTicketsAndAddresses_UntilFifteenMinutesLater()
    {
        var phone = TestAccounts.NewPhone();
        await Portal.CreateAsync(phone: phone);
        var guesser = Portal.NewVisitor();
        var page = await AskForCodeAsync(guesser, phone);
        var code = await LatestCodeAsync(phone);

        var texts = await FiveWrongCodesAsync(guesser, page, code);
        var elsewhere = Portal.NewVisitor();
        var newTicket = await AskForCodeAsync(elsewhere, phone);
        var rightButLocked = await TypeAsync(elsewhere, newTicket, code);
        var sentWhileLocked = await Portal.MessageCountAsync(phone);

        fixture.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var later = Portal.NewVisitor();
        var laterPage = await AskForCodeAsync(later, phone);
        var signedIn = await TypeAsync(later, laterPage, await LatestCodeAsync(phone));

        Assert.All(texts[..4], t => Assert.Contains("Ce code n'est pas valable", t));
        Assert.Contains(NumberLocked, texts[4]);
        Assert.Contains(NumberLocked, await TextOfAsync(rightButLocked));
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/compte")).StatusCode);
        Assert.Equal(1, sentWhileLocked);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task ANumberWithoutAccount_IsLockedAlike_AfterFiveWrongCodes()
    {
        var phone = TestAccounts.NewPhone();
        var guesser = Portal.NewVisitor();
        var page = await AskForCodeAsync(guesser, phone);

        var texts = await FiveWrongCodesAsync(guesser, page, "000000");

        Assert.All(texts[..4], t => Assert.Contains("Ce code n'est pas valable", t));
        Assert.Contains(NumberLocked, texts[4]);
    }

    [Fact]
    public async Task TheSixthCodeWithinAnHour_IsNotSent_ButThePageSaysTheSame()
    {
        var phone = TestAccounts.NewPhone();
        await Portal.CreateAsync(phone: phone);

        var texts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            texts.Add((await AskForCodeAsync(Portal.NewVisitor(), phone)).MainText);
        }
        var withoutAccount = (await AskForCodeAsync(Portal.NewVisitor(), TestAccounts.NewPhone())).MainText;

        Assert.Equal(5, await Portal.MessageCountAsync(phone));
        Assert.All(texts, t => Assert.Equal(texts[0], t));
        Assert.Equal(texts[0], withoutAccount);
    }

    [Fact]
    public async Task ForeignNumbers_GetFewerCodes_PerNumberAndAllTogether()
    {
        static string Foreign() => $"+336{Random.Shared.Next(10000000, 99999999)}";
        var (first, second, third, togolese) = (Foreign(), Foreign(), Foreign(), TestAccounts.NewPhone());
        foreach (var phone in new[] { first, second, third, togolese })
        {
            await Portal.CreateAsync(phone: phone);
        }

        for (var i = 0; i < 3; i++)
        {
            await AskForCodeAsync(Portal.NewVisitor(), first);
        }
        await AskForCodeAsync(Portal.NewVisitor(), second);
        await AskForCodeAsync(Portal.NewVisitor(), third);
        for (var i = 0; i < 3; i++)
        {
            await AskForCodeAsync(Portal.NewVisitor(), togolese);
        }

        // Two a number abroad, three abroad in all (this portal's setting), while Togo's 5 an hour stand.
        Assert.Equal(2, await Portal.MessageCountAsync(first));
        Assert.Equal(1, await Portal.MessageCountAsync(second));
        Assert.Equal(0, await Portal.MessageCountAsync(third));
        Assert.Equal(3, await Portal.MessageCountAsync(togolese));
    }

    [Fact]
    public async Task TheNumberLock_HoldsOnAnotherWebNode()
    {
        var phone = TestAccounts.NewPhone();
        await Portal.CreateAsync(phone: phone);
        var guesser = Portal.NewVisitor();
        var page = await AskForCodeAsync(guesser, phone);
        var code = await LatestCodeAsync(phone);
        await FiveWrongCodesAsync(guesser, page, code);

        await using var otherNode = new PortalFactory(Portal.ConnectionString, settings: new Dictionary<string, string> { ["Database:SeedCatalogue"] = "false" }, clock: fixture.Clock);
        otherNode.Start();
        var visitor = otherNode.NewVisitor();
        var refused = await TypeAsync(visitor, await AskForCodeAsync(visitor, phone), code);

        Assert.Contains(NumberLocked, await TextOfAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/compte")).StatusCode);
    }
}
