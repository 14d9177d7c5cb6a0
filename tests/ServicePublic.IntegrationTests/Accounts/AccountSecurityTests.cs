using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.IntegrationTests.Accounts;

[Collection(PortalCollection.Name)]
public sealed class AccountSecurityTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task TwoFactor_EnrolWithTheKeyShown_ThenSignInAsksForTheCode()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);

        var enrol = await visitor.GetPageAsync("/compte/double-authentification");
        var key = enrol.Document.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var wrongResponse = await visitor.SubmitFormAsync(enrol, "form#enable-2fa", new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrongResponse.StatusCode);
        var wrong = await Html.ParseAsync(wrongResponse);
        var codes = await Html.ParseAsync(await visitor.SubmitFormAsync(enrol, "form#enable-2fa", new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Code"] = TestAccounts.TotpCode(key) }));

        Assert.NotNull(enrol.Document.QuerySelector("img.qr[src^='data:image/svg+xml']"));
        Assert.Contains("Ce code n'est pas valable", wrong.QuerySelector("main")!.TextContent);
        Assert.Equal(10, codes.QuerySelectorAll(".codes li").Length);

        var again = Portal.NewVisitor();
        var step = await again.SignInAsync(user.Email!);
        Assert.StartsWith("/compte/connexion/deux-facteurs", step.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/compte")).StatusCode);
        var codePage = await again.GetPageAsync(step.Headers.Location!.OriginalString);
        var badCode = await Html.ParseAsync(await again.SubmitFormAsync(codePage, "form#two-factor", new Dictionary<string, string> { ["Code"] = "123456" == TestAccounts.TotpCode(key) ? "654321" : "123456" }));
        Assert.Contains("Ce code n'est pas valable", badCode.QuerySelector("main")!.TextContent);
        var signedIn = await again.SubmitFormAsync(codePage, "form#two-factor", new Dictionary<string, string> { ["Code"] = TestAccounts.TotpCode(key) });
        Assert.Equal("/compte", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_RecoveryCode_SignsInOnce()
    {
        var user = await Portal.CreateAsync(twoFactor: true);
        string code;
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!, 2))!.First();
        }

        async Task<HttpResponseMessage> UseAsync()
        {
            var visitor = Portal.NewVisitor();
            var step = await visitor.SignInAsync(user.Email!);
            var page = await visitor.GetPageAsync(step.Headers.Location!.OriginalString);
            return await visitor.SubmitFormAsync(page, "form#recovery", new Dictionary<string, string> { ["Code"] = code });
        }

        Assert.Equal(HttpStatusCode.Redirect, (await UseAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UseAsync()).StatusCode);
    }

    [Fact]
    public async Task SmsSignIn_WithTheCodeSent_ToAConfirmedPhone()
    {
        var phone = $"+2289{Random.Shared.Next(1000000, 9999999)}";
        await Portal.CreateAsync(phone: phone);
        var visitor = Portal.NewVisitor();

        var request = await visitor.GetPageAsync("/compte/connexion/sms");
        var sent = await visitor.SubmitFormAsync(request, "form#sms-request", new Dictionary<string, string> { ["Phone"] = phone[4..] });
        var codePage = new Html.Page(sent, await Html.ParseAsync(sent));
        var code = TestAccounts.CodeIn((await Portal.LatestMessageAsync(phone))!);
        var wrong = await Html.ParseAsync(await visitor.SubmitFormAsync(codePage, "form#sms-code", new Dictionary<string, string> { ["Code"] = code == "999999" ? "888888" : "999999" }));
        var right = await visitor.SubmitFormAsync(codePage, "form#sms-code", new Dictionary<string, string> { ["Code"] = code });

        Assert.Contains("Ce code n'est pas valable", wrong.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task SmsSignIn_AnswersTheSame_ForANumberWithoutAccount()
    {
        var visitor = Portal.NewVisitor();
        var request = await visitor.GetPageAsync("/compte/connexion/sms");

        var sent = await Html.ParseAsync(await visitor.SubmitFormAsync(request, "form#sms-request", new Dictionary<string, string> { ["Phone"] = "+22870000000" }));

        Assert.Contains("Si ce numéro correspond à un compte", sent.QuerySelector("main")!.TextContent);
        Assert.Null(await Portal.LatestMessageAsync("+22870000000"));
    }

    [Fact]
    public async Task ForgotPassword_ResetsWithTheLink_WhichThenStopsWorking()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();

        var forgot = await visitor.GetPageAsync("/compte/mot-de-passe-oublie");
        var sent = await Html.ParseAsync(await visitor.SubmitFormAsync(forgot, "form#forgot", new Dictionary<string, string> { ["Email"] = user.Email! }));
        var link = TestAccounts.LinkIn((await Portal.LatestMessageAsync(user.Email!))!);
        var reset = await visitor.GetPageAsync(link);
        var done = await visitor.SubmitFormAsync(reset, "form#reset", new Dictionary<string, string> { ["Password"] = "un tout nouveau mot de passe", ["ConfirmPassword"] = "un tout nouveau mot de passe" });
        var reused = await Html.ParseAsync(await visitor.SubmitFormAsync(reset, "form#reset", new Dictionary<string, string> { ["Password"] = "encore un autre mot de passe", ["ConfirmPassword"] = "encore un autre mot de passe" }));

        Assert.Contains("Si un compte existe", sent.QuerySelector("main")!.TextContent);
        Assert.Equal("/compte/connexion", done.Headers.Location?.OriginalString);
        Assert.Contains("n'est plus valable", reused.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await Portal.NewVisitor().SignInAsync(user.Email!)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.NewVisitor().SignInAsync(user.Email!, "un tout nouveau mot de passe")).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_SaysTheSame_ForAnUnknownEmail()
    {
        var email = TestAccounts.NewEmail();
        var visitor = Portal.NewVisitor();
        var forgot = await visitor.GetPageAsync("/compte/mot-de-passe-oublie");

        var sent = await Html.ParseAsync(await visitor.SubmitFormAsync(forgot, "form#forgot", new Dictionary<string, string> { ["Email"] = email }));

        Assert.Contains("Si un compte existe", sent.QuerySelector("main")!.TextContent);
        Assert.Null(await Portal.LatestMessageAsync(email));
    }

    [Fact]
    public async Task ChangingThePassword_SignsOutOtherSessions_AndKeepsThisOne()
    {
        var user = await Portal.CreateAsync();
        var here = Portal.NewVisitor();
        var elsewhere = Portal.NewVisitor();
        await here.SignInAsync(user.Email!);
        await elsewhere.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/compte")).StatusCode);

        var form = await here.GetPageAsync("/compte/mot-de-passe");
        var changed = await here.SubmitFormAsync(form, "form#change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestAccounts.Password,
            ["NewPassword"] = "ma nouvelle phrase secrète",
            ["ConfirmPassword"] = "ma nouvelle phrase secrète",
        });

        Assert.Equal("/compte", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/compte")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task ResettingThePassword_SignsOutTheSessionsOpenedBefore()
    {
        var user = await Portal.CreateAsync();
        var elsewhere = Portal.NewVisitor();
        await elsewhere.SignInAsync(user.Email!);
        var before = await elsewhere.GetAsync("/compte");

        var visitor = Portal.NewVisitor();
        var forgot = await visitor.GetPageAsync("/compte/mot-de-passe-oublie");
        await visitor.SubmitFormAsync(forgot, "form#forgot", new Dictionary<string, string> { ["Email"] = user.Email! });
        var reset = await visitor.GetPageAsync(TestAccounts.LinkIn((await Portal.LatestMessageAsync(user.Email!))!));
        await visitor.SubmitFormAsync(reset, "form#reset", new Dictionary<string, string> { ["Password"] = "un tout nouveau mot de passe", ["ConfirmPassword"] = "un tout nouveau mot de passe" });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task SignedInPages_LeaveTheSessionCookieAsItIs()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);

        var first = await visitor.GetAsync("/compte");
        var second = await visitor.GetAsync("/demandes");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.DoesNotContain(first.Headers.Concat(second.Headers), h => h.Key == "Set-Cookie" && h.Value.Any(c => c.Contains("sp-session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ChangingThePassword_WithAWrongCurrentOne_SaysSo()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var form = await visitor.GetPageAsync("/compte/mot-de-passe");

        var page = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "pas le mot de passe actuel",
            ["NewPassword"] = "ma nouvelle phrase secrète",
            ["ConfirmPassword"] = "ma nouvelle phrase secrète",
        }));

        Assert.Contains("Le mot de passe actuel est incorrect.", page.QuerySelector("[data-valmsg-for=CurrentPassword]")?.TextContent);
    }

    [Fact]
    public async Task SignInLimit_AnswersTooManyRequests_ToAFlood()
    {
        await using var limited = new PortalFactory(Portal.ConnectionString, settings: new Dictionary<string, string>
        {
            ["RateLimits:Accounts:PermitLimit"] = "5",
            ["Database:SeedCatalogue"] = "false",
        });
        limited.Start();
        var flooder = limited.NewVisitor();
        var bystander = limited.NewVisitor();
        var page = await flooder.GetPageAsync("/compte/connexion");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await flooder.SubmitFormAsync(page, "form#signin", new Dictionary<string, string> { ["Email"] = "x@exemple.tg", ["Password"] = "mauvais" })).StatusCode);
        }
        var tooMany = await flooder.SubmitFormAsync(page, "form#signin");
        var text = Html.Collapse((await Html.ParseAsync(tooMany)).QuerySelector("main")!.TextContent);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        Assert.Contains("Trop de tentatives", text);
        Assert.Equal(HttpStatusCode.OK, (await bystander.SignInAsync("y@exemple.tg", "mauvais")).StatusCode);
    }

    [Fact]
    public async Task Sessions_SurviveARestartOfThePortal()
    {
        // An empty database, not a copy of the template: the first portal must create the data
        // protection keys and store them, not find the template's.
        var connection = await TestDatabase.CreateEmptyAsync("sp_restart");
        string cookie;
        await using (var first = new PortalFactory(connection, settings: new Dictionary<string, string> { ["Database:SeedCatalogue"] = "false" }))
        {
            first.Start();
            var user = await first.CreateAsync();
            var signIn = await first.NewVisitor().SignInAsync(user.Email!);
            cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("sp-session", StringComparison.Ordinal)));
        }
        await using var second = new PortalFactory(connection, settings: new Dictionary<string, string> { ["Database:SeedCatalogue"] = "false" });
        second.Start();
        var client = second.CreatePortalClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        var account = await client.GetAsync("/compte");

        Assert.NotEmpty(cookie);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task PersonalData_DownloadsAsJson()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);

        var response = await visitor.GetAsync("/compte/donnees");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(user.Email, json.RootElement.GetProperty("account").GetProperty("Email").GetString());
    }

    [Fact]
    public async Task ClosingTheAccount_ErasesItAndEndsSignIn()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var form = await visitor.GetPageAsync("/compte/fermer");

        var wrong = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#close-account", new Dictionary<string, string> { ["Password"] = "pas le bon" }));
        var closed = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#close-account", new Dictionary<string, string> { ["Password"] = TestAccounts.Password }));

        Assert.Contains("Le mot de passe est incorrect.", wrong.QuerySelector("[data-valmsg-for=Password]")?.TextContent);
        Assert.Equal("Compte fermé", Html.Collapse(closed.QuerySelector("h1")!.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/compte")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Portal.NewVisitor().SignInAsync(user.Email!)).StatusCode);
        await using var scope = Portal.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(user.Id);
        Assert.Null(stored!.Email);
        Assert.Equal("Compte fermé", stored.FullName);
    }

    [Fact]
    public async Task ClosingTheAccount_SignsOutItsSessionsOnOtherDevices()
    {
        var user = await Portal.CreateAsync();
        var here = Portal.NewVisitor();
        var elsewhere = Portal.NewVisitor();
        await here.SignInAsync(user.Email!);
        await elsewhere.SignInAsync(user.Email!);
        var before = await elsewhere.GetAsync("/demandes");

        var form = await here.GetPageAsync("/compte/fermer");
        await here.SubmitFormAsync(form, "form#close-account", new Dictionary<string, string> { ["Password"] = TestAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/demandes")).StatusCode);
    }

    [Fact]
    public async Task ChangingTheEmail_TakesEffectOnlyOnceConfirmed()
    {
        var user = await Portal.CreateAsync();
        var newEmail = TestAccounts.NewEmail("nouvelle");
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);

        var form = await visitor.GetPageAsync("/compte/email");
        await visitor.SubmitFormAsync(form, "form#change-email", new Dictionary<string, string> { ["Email"] = newEmail, ["CurrentPassword"] = TestAccounts.Password });
        var before = await visitor.GetPageAsync("/compte");
        var confirmed = await visitor.GetAsync(TestAccounts.LinkIn((await Portal.LatestMessageAsync(newEmail))!));
        var after = await visitor.GetPageAsync("/compte");

        Assert.Contains(user.Email!, before.MainText);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains(newEmail, after.MainText);
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.NewVisitor().SignInAsync(newEmail)).StatusCode);
    }
}
