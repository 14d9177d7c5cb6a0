using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.IntegrationTests.Accounts;

/// <summary>An SMS code or an open session alone never reaches, shows or changes the authenticator.</summary>
[Collection(PortalCollection.Name)]
public sealed class SecondFactorTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task SmsSignIn_AsksForTheAuthenticatorCode_WhenTheAccountHasOne()
    {
        var phone = TestAccounts.NewPhone();
        var clerk = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MDERM", phone: phone, twoFactor: true);
        var visitor = Portal.NewVisitor();

        var afterSms = await SignInBySmsAsync(visitor, phone);
        var account = await visitor.GetAsync("/compte");
        var agentBefore = await visitor.GetAsync("/agent");
        var codePage = await visitor.GetPageAsync(afterSms.Headers.Location!.OriginalString);
        var signedIn = await visitor.SubmitFormAsync(codePage, "form#two-factor", new Dictionary<string, string> { ["Code"] = TestAccounts.TotpCode(await Portal.AuthenticatorKeyAsync(clerk)) });

        Assert.StartsWith("/compte/connexion/deux-facteurs", Where(afterSms));
        Assert.StartsWith("/compte/connexion", Where(account));
        Assert.StartsWith("/compte/connexion", Where(agentBefore));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/agent")).StatusCode);
    }

    [Fact]
    public async Task Enable_NeverShowsTheKeyInUse_OnAnEmptyOrWrongCode()
    {
        var user = await Portal.CreateAsync(phone: TestAccounts.NewPhone(), twoFactor: true);
        var key = await Portal.AuthenticatorKeyAsync(user);
        var visitor = Portal.NewVisitor();
        await visitor.SignInWithTotpAsync(Portal, user);

        var settings = await visitor.GetPageAsync("/compte/double-authentification");
        var empty = await PostWithTokenAsync(visitor, settings, "/compte/double-authentification", new() { ["Code"] = "" });
        var wrong = await PostWithTokenAsync(visitor, settings, "/compte/double-authentification", new() { ["Code"] = "000000" });
        var shown = await visitor.GetPageAsync(empty.Headers.Location?.OriginalString ?? "/compte/double-authentification");

        Assert.DoesNotContain(Grouped(key), settings.MainText);
        Assert.DoesNotContain(Grouped(key), Html.Collapse(await empty.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(Grouped(key), Html.Collapse(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.DoesNotContain(Grouped(key), shown.MainText);
        Assert.Contains("déjà activée", shown.MainText);
    }

    [Fact]
    public async Task NewRecoveryCodes_AreRefused_WithoutThePasswordAndACurrentCode()
    {
        var user = await Portal.CreateAsync(twoFactor: true);
        var key = await Portal.AuthenticatorKeyAsync(user);
        var visitor = Portal.NewVisitor();
        await visitor.SignInWithTotpAsync(Portal, user);
        var settings = await visitor.GetPageAsync("/compte/double-authentification");

        var bare = await Html.ParseAsync(await PostWithTokenAsync(visitor, settings, "/compte/double-authentification/codes", []));
        var wrongPassword = await Html.ParseAsync(await visitor.SubmitFormAsync(settings, "main form",
            new Dictionary<string, string> { ["Password"] = "pas le bon mot de passe", ["Code"] = TestAccounts.TotpCode(key) }));
        var right = await Html.ParseAsync(await visitor.SubmitFormAsync(settings, "main form",
            new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Code"] = TestAccounts.TotpCode(key) }));

        Assert.Empty(bare.QuerySelectorAll(".codes li"));
        Assert.Contains("Indiquez votre mot de passe actuel.", bare.QuerySelector("main")!.TextContent);
        Assert.Empty(wrongPassword.QuerySelectorAll(".codes li"));
        Assert.Contains("Le mot de passe est incorrect", wrongPassword.QuerySelector("main")!.TextContent);
        Assert.Equal(10, right.QuerySelectorAll(".codes li").Length);
    }

    [Fact]
    public async Task Disable_IsRefused_WithAWrongCode_AndWorksWithPasswordAndCode()
    {
        var user = await Portal.CreateAsync(twoFactor: true);
        var key = await Portal.AuthenticatorKeyAsync(user);
        var visitor = Portal.NewVisitor();
        await visitor.SignInWithTotpAsync(Portal, user);
        var settings = await visitor.GetPageAsync("/compte/double-authentification");
        var wrongCode = TestAccounts.TotpCode(key) == "000000" ? "111111" : "000000";

        var refused = await Html.ParseAsync(await PostWithTokenAsync(visitor, settings, "/compte/double-authentification/desactiver",
            new() { ["Password"] = TestAccounts.Password, ["Code"] = wrongCode }));
        var stillOn = await TwoFactorEnabledAsync(user);
        var done = await PostWithTokenAsync(visitor, settings, "/compte/double-authentification/desactiver",
            new() { ["Password"] = TestAccounts.Password, ["Code"] = TestAccounts.TotpCode(key) });

        Assert.Contains("Ce code n'est pas valable", refused.QuerySelector("main")!.TextContent);
        Assert.True(stillOn);
        Assert.Equal("/compte", Where(done));
        Assert.False(await TwoFactorEnabledAsync(user));
        Assert.Contains("Si ce n'est pas vous", await Portal.LatestMessageAsync(user.Email!));
    }

    [Fact]
    public async Task StaffEnrolment_NeedsThePassword_AndTheCodeSentBySms()
    {
        var phone = TestAccounts.NewPhone();
        var clerk = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MDERM", phone: phone);
        var visitor = Portal.NewVisitor();
        await SignInBySmsAsync(visitor, phone);

        var enrol = await visitor.GetPageAsync("/compte/double-authentification");
        var key = enrol.Document.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var withoutSentCode = await Html.ParseAsync(await visitor.SubmitFormAsync(enrol, "form#enable-2fa",
            new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Code"] = TestAccounts.TotpCode(key) }));
        await visitor.SubmitFormAsync(enrol, "form#send-enrolment-code");
        var sentCode = TestAccounts.CodeIn((await Portal.LatestMessageAsync(phone))!);
        var withoutPassword = await Html.ParseAsync(await visitor.SubmitFormAsync(enrol, "form#enable-2fa",
            new Dictionary<string, string> { ["Password"] = "pas le bon mot de passe", ["SentCode"] = sentCode, ["Code"] = TestAccounts.TotpCode(key) }));
        var enabled = await Html.ParseAsync(await visitor.SubmitFormAsync(enrol, "form#enable-2fa",
            new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["SentCode"] = sentCode, ["Code"] = TestAccounts.TotpCode(key) }));

        Assert.Contains("Le code reçu par SMS ou par e-mail n'est pas valable", withoutSentCode.QuerySelector("main")!.TextContent);
        Assert.Contains("Le mot de passe est incorrect", withoutPassword.QuerySelector("main")!.TextContent);
        Assert.Equal(10, enabled.QuerySelectorAll(".codes li").Length);
        Assert.True(await TwoFactorEnabledAsync(clerk));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/agent")).StatusCode);
    }

    [Fact]
    public async Task SignOut_RefusesACopyOfTheSessionCookie_ReplayedAfterwards()
    {
        var user = await Portal.CreateAsync();
        var first = Portal.NewVisitor();
        var signIn = await first.SignInAsync(user.Email!);
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var second = Portal.NewVisitor();
        second.DefaultRequestHeaders.Add("Cookie", cookie);
        var beforeSignOut = await second.GetAsync("/compte");

        var account = await first.GetPageAsync("/compte");
        await first.SubmitFormAsync(account, "form[action='/compte/deconnexion']");
        var afterSignOut = await second.GetAsync("/compte");

        Assert.Equal(HttpStatusCode.OK, beforeSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/compte/connexion", Where(afterSignOut));
    }

    private async Task<HttpResponseMessage> SignInBySmsAsync(HttpClient visitor, string phone)
    {
        var request = await visitor.GetPageAsync("/compte/connexion/sms");
        var sent = await visitor.SubmitFormAsync(request, "form#sms-request", new Dictionary<string, string> { ["Phone"] = phone[4..] });
        var codePage = new Html.Page(sent, await Html.ParseAsync(sent));
        var code = TestAccounts.CodeIn((await Portal.LatestMessageAsync(phone))!);
        return await visitor.SubmitFormAsync(codePage, "form#sms-code", new Dictionary<string, string> { ["Code"] = code });
    }

    /// <summary>Posts to <paramref name="action"/> with the antiforgery token of the page's first form, as a crafted request would.</summary>
    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, Html.Page page, string action, Dictionary<string, string> values)
    {
        var token = page.Document.QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        values["__RequestVerificationToken"] = token;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    private async Task<bool> TwoFactorEnabledAsync(ApplicationUser user)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.FindByIdAsync(user.Id))!.TwoFactorEnabled;
    }

    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : "";


    /// <summary>The key as the enrolment page prints it, in groups of four.</summary>
    private static string Grouped(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c)));
}
