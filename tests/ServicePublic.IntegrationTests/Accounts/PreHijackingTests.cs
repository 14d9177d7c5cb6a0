using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.IntegrationTests.Accounts;

/// <summary>
/// Account pre-hijacking: a stranger signs up with someone else's email and their own phone, and
/// waits for the owner to take the account over by resetting the password.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PreHijackingTests(PortalFixture portal)
{
    private const string StrangersPassword = "la phrase du voleur de compte";
    private const string OwnersPassword = "la phrase de la vraie titulaire";

    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task StrangersPhone_SignsInNoMore_AndTheirSessionEnds_AfterTheOwnerResetsByEmail()
    {
        var victimEmail = TestAccounts.NewEmail("victime");
        var strangersPhone = TestAccounts.NewPhone();
        var stranger = Portal.NewVisitor();
        await SignUpAndConfirmPhoneAsync(stranger, victimEmail, strangersPhone);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.SignInAsync(victimEmail, StrangersPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/compte")).StatusCode);

        var owner = Portal.NewVisitor();
        var forgot = await owner.GetPageAsync("/compte/mot-de-passe-oublie");
        await owner.SubmitFormAsync(forgot, "form#forgot", new Dictionary<string, string> { ["Email"] = victimEmail });
        var reset = await owner.GetPageAsync(TestAccounts.LinkIn((await Portal.LatestMessageAsync(victimEmail))!));
        var done = await owner.SubmitFormAsync(reset, "form#reset", new Dictionary<string, string> { ["Password"] = OwnersPassword, ["ConfirmPassword"] = OwnersPassword });
        var notice = await owner.GetPageAsync(done.Headers.Location!.OriginalString);

        var strangersOldSession = await stranger.GetAsync("/compte");
        var before = await Portal.LastMessageIdAsync();
        var smsSignIn = await SmsSignInAsync(Portal.NewVisitor(), strangersPhone);
        var sentToStranger = (await Portal.MessagesSinceAsync(before)).Where(m => m.Recipient == strangersPhone).ToList();
        var ownerSignsIn = await owner.SignInAsync(victimEmail, OwnersPassword);
        var profile = await owner.GetPageAsync("/compte/profil");
        var account = await Portal.ReloadAsync((await FindByEmailAsync(victimEmail))!);

        Assert.NotEqual(HttpStatusCode.Redirect, smsSignIn.StatusCode);
        Assert.Empty(sentToStranger);
        Assert.Equal(HttpStatusCode.Redirect, strangersOldSession.StatusCode);
        Assert.StartsWith("/compte/connexion", strangersOldSession.Headers.Location?.PathAndQuery ?? strangersOldSession.Headers.Location?.OriginalString);
        Assert.Contains("numéro de téléphone enregistré avant cette confirmation a été retiré", notice.MainText);
        Assert.Equal(HttpStatusCode.Redirect, ownerSignsIn.StatusCode);
        Assert.Equal("/compte", ownerSignsIn.Headers.Location?.OriginalString);
        Assert.DoesNotContain(strangersPhone[4..], profile.MainText);
        Assert.True(account.EmailConfirmed);
        Assert.Null(account.PhoneNumber);
        Assert.False(account.TwoFactorEnabled);
        Assert.Contains(AuditActions.UnprovenFactorsRemoved, await AuditActionsAsync(account.Id));
    }

    [Fact]
    public async Task SmsSignIn_AnswersAsForAnUnknownNumber_WhileTheAccountsEmailIsUnconfirmed()
    {
        var strangersPhone = TestAccounts.NewPhone();
        await SignUpAndConfirmPhoneAsync(Portal.NewVisitor(), TestAccounts.NewEmail("victime"), strangersPhone);
        var unknownPhone = TestAccounts.NewPhone();
        var before = await Portal.LastMessageIdAsync();

        var forTheStranger = await RequestSmsCodeAsync(Portal.NewVisitor(), strangersPhone);
        var forNobody = await RequestSmsCodeAsync(Portal.NewVisitor(), unknownPhone);

        Assert.Empty(await Portal.MessagesSinceAsync(before));
        Assert.Equal(
            await AccountStates.NormalizedAsync(forNobody, unknownPhone[4..]),
            await AccountStates.NormalizedAsync(forTheStranger, strangersPhone[4..]));
    }

    [Fact]
    public async Task PhoneOnlyAccount_StillSignsInBySms()
    {
        var phone = TestAccounts.NewPhone();
        await Portal.CreatePhoneOnlyAsync(phone);
        var visitor = Portal.NewVisitor();

        var signedIn = await SmsSignInAsync(visitor, phone);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task Reset_OfAnAccountWhoseEmailWasConfirmed_KeepsItsPhone()
    {
        var phone = TestAccounts.NewPhone();
        var user = await Portal.CreateAsync(phone: phone);
        var visitor = Portal.NewVisitor();
        var forgot = await visitor.GetPageAsync("/compte/mot-de-passe-oublie");
        await visitor.SubmitFormAsync(forgot, "form#forgot", new Dictionary<string, string> { ["Email"] = user.Email! });
        var reset = await visitor.GetPageAsync(TestAccounts.LinkIn((await Portal.LatestMessageAsync(user.Email!))!));
        await visitor.SubmitFormAsync(reset, "form#reset", new Dictionary<string, string> { ["Password"] = OwnersPassword, ["ConfirmPassword"] = OwnersPassword });

        var signedIn = await SmsSignInAsync(Portal.NewVisitor(), phone);

        Assert.Equal(phone, (await Portal.ReloadAsync(user)).PhoneNumber);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>The stranger's journey: the sign-up form with someone else's email, then the SMS code on their own phone.</summary>
    private async Task SignUpAndConfirmPhoneAsync(HttpClient visitor, string email, string phone)
    {
        var form = await visitor.GetPageAsync("/compte/inscription");
        var sent = await visitor.SubmitFormAsync(form, "form#signup", new Dictionary<string, string>
        {
            ["FullName"] = "Komi Inconnu",
            ["Email"] = email,
            ["Phone"] = phone,
            ["Password"] = StrangersPassword,
            ["ConfirmPassword"] = StrangersPassword,
            ["AcceptTerms"] = "true",
        });
        var check = new Html.Page(sent, await Html.ParseAsync(sent));
        var code = TestAccounts.CodeIn((await Portal.LatestMessageAsync(phone))!);
        var confirmed = await Html.ParseAsync(await visitor.SubmitFormAsync(check, "form#confirm-phone", new Dictionary<string, string> { ["Code"] = code }));
        Assert.Contains("Numéro confirmé", confirmed.QuerySelector("h1")!.TextContent);
    }

    private static async Task<HttpResponseMessage> RequestSmsCodeAsync(HttpClient visitor, string phone)
    {
        var request = await visitor.GetPageAsync("/compte/connexion/sms");
        return await visitor.SubmitFormAsync(request, "form#sms-request", new Dictionary<string, string> { ["Phone"] = phone });
    }

    /// <summary>Asks for a code and types the last one the phone received (or a wrong one when none came).</summary>
    private async Task<HttpResponseMessage> SmsSignInAsync(HttpClient visitor, string phone)
    {
        var before = await Portal.LastMessageIdAsync();
        var sent = await RequestSmsCodeAsync(visitor, phone);
        var received = (await Portal.MessagesSinceAsync(before)).LastOrDefault(m => m.Recipient == phone);
        var codePage = new Html.Page(sent, await Html.ParseAsync(sent));
        return await visitor.SubmitFormAsync(codePage, "form#sms-code", new Dictionary<string, string> { ["Code"] = received is null ? "000000" : TestAccounts.CodeIn(received.Body) });
    }

    private async Task<Web.Domain.Accounts.ApplicationUser?> FindByEmailAsync(string email)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email);
    }

    private async Task<List<string>> AuditActionsAsync(string userId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.SubjectId == userId).Select(a => a.Action).ToListAsync();
    }
}
