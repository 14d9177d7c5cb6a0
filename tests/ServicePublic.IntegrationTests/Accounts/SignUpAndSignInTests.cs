using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.IntegrationTests.Accounts;

[Collection(PortalCollection.Name)]
public sealed class SignUpAndSignInTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    private static Dictionary<string, string> SignUpFields(string email, string password = TestAccounts.Password) => new()
    {
        ["FullName"] = "Kossi Agbeko",
        ["Email"] = email,
        ["Phone"] = "90 12 34 56",
        ["Password"] = password,
        ["ConfirmPassword"] = password,
        ["AcceptTerms"] = "true",
    };

    [Fact]
    public async Task SignUp_ThenConfirmEmailFromTheLinkSent_ThenSignIn()
    {
        var visitor = Portal.NewVisitor();
        var email = TestAccounts.NewEmail();

        var form = await visitor.GetPageAsync("/compte/inscription");
        var sent = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#signup", SignUpFields(email)));
        var beforeConfirming = await visitor.SignInAsync(email);
        var link = TestAccounts.LinkIn((await Portal.LatestMessageAsync(email))!);
        var confirmed = await visitor.GetPageAsync(link);
        var signedIn = await visitor.SignInAsync(email);
        var account = await visitor.GetPageAsync("/compte");

        Assert.Contains(email, sent.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, beforeConfirming.StatusCode);
        Assert.Contains("attend encore sa confirmation", Html.Collapse((await Html.ParseAsync(beforeConfirming)).QuerySelector("main")!.TextContent));
        Assert.Contains("Votre adresse e-mail est confirmée", confirmed.MainText);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/compte", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Contains(email, account.MainText);
        Assert.Contains("(confirmée)", account.MainText);
    }

    [Fact]
    public async Task SignUp_ConfirmsThePhone_WithTheSmsCode()
    {
        var visitor = Portal.NewVisitor();
        var email = TestAccounts.NewEmail();
        var fields = SignUpFields(email);
        fields["Phone"] = $"+2289{Random.Shared.Next(1000000, 9999999)}";

        var form = await visitor.GetPageAsync("/compte/inscription");
        var sent = await visitor.SubmitFormAsync(form, "form#signup", fields);
        var check = new Html.Page(sent, await Html.ParseAsync(sent));
        var code = TestAccounts.CodeIn((await Portal.LatestMessageAsync(fields["Phone"]))!);
        var wrong = await Html.ParseAsync(await visitor.SubmitFormAsync(check, "form#confirm-phone", new Dictionary<string, string> { ["Code"] = code == "000000" ? "111111" : "000000" }));
        var right = await Html.ParseAsync(await visitor.SubmitFormAsync(check, "form#confirm-phone", new Dictionary<string, string> { ["Code"] = code }));

        Assert.Contains("Ce code n'est pas valable", wrong.QuerySelector("main")!.TextContent);
        Assert.Contains("Numéro confirmé", right.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SignInAsync(email)).StatusCode);
    }

    [Fact]
    public async Task SignUp_ShowsEachMistakeNextToItsField_AndKeepsWhatWasTyped()
    {
        var visitor = Portal.NewVisitor();
        var form = await visitor.GetPageAsync("/compte/inscription");

        var response = await visitor.SubmitFormAsync(form, "form#signup", new Dictionary<string, string>
        {
            ["FullName"] = "Kossi Agbeko",
            ["Email"] = "pas-une-adresse",
            ["Phone"] = "12",
            ["Password"] = "court",
            ["ConfirmPassword"] = "autre",
        });
        var page = await Html.ParseAsync(response);
        string Error(string field) => Html.Collapse(page.QuerySelector($"[data-valmsg-for={field}]")?.TextContent ?? "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("L'adresse e-mail n'est pas valide.", Error("Email"));
        Assert.StartsWith("Numéro non reconnu", Error("Phone"));
        Assert.Equal("Le mot de passe doit comporter au moins 12 caractères.", Error("Password"));
        Assert.Equal("Les deux mots de passe ne sont pas identiques.", Error("ConfirmPassword"));
        Assert.StartsWith("Acceptez les conditions", Error("AcceptTerms"));
        Assert.Equal("Kossi Agbeko", page.QuerySelector("#FullName")?.GetAttribute("value"));
        Assert.Equal("pas-une-adresse", page.QuerySelector("#Email")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#Password")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("azertyuiop123")]
    [InlineData("motdepasse2026")]
    [InlineData("123456789012")]
    [InlineData("Passwordpassword")]
    public async Task SignUp_RefusesCommonPasswords(string password)
    {
        var visitor = Portal.NewVisitor();
        var email = TestAccounts.NewEmail();
        var form = await visitor.GetPageAsync("/compte/inscription");

        var page = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#signup", SignUpFields(email, password)));

        Assert.Contains("trop courant", page.QuerySelector("[data-valmsg-for=Password]")?.TextContent);
        Assert.Null(await FindUserAsync(email));
    }

    [Fact]
    public async Task SignUp_WithAnEmailThatHasAnAccount_AnswersAsUsual_AndCreatesNothing()
    {
        var existing = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        var form = await visitor.GetPageAsync("/compte/inscription");

        var page = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#signup", SignUpFields(existing.Email!)));

        Assert.Equal("Confirmez votre compte", Html.Collapse(page.QuerySelector("h1")!.TextContent));
        Assert.Contains("Tentative d'inscription", await LatestSubjectAsync(existing.Email!));
        await using var scope = Portal.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.Email == existing.Email));
    }

    [Fact]
    public async Task SignIn_SaysTheSameForAWrongPasswordAndAnUnknownEmail()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();

        var wrongPassword = await Html.ParseAsync(await visitor.SignInAsync(user.Email!, "pas le bon mot de passe"));
        var unknown = await Html.ParseAsync(await visitor.SignInAsync(TestAccounts.NewEmail(), "pas le bon mot de passe"));

        var message = "Connexion impossible : vérifiez votre adresse e-mail et votre mot de passe.";
        Assert.Contains(message, wrongPassword.QuerySelector(".notice.error")?.TextContent);
        Assert.Contains(message, unknown.QuerySelector(".notice.error")?.TextContent);
        Assert.Equal(user.Email, wrongPassword.QuerySelector("#Email")?.GetAttribute("value"));
    }

    [Fact]
    public async Task SignIn_IsRefused_AfterFiveWrongPasswords_EvenWithTheRightOne()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();

        for (var i = 0; i < 5; i++)
        {
            await visitor.SignInAsync(user.Email!, "mauvais mot de passe " + i);
        }
        var sixth = await visitor.SignInAsync(user.Email!);
        var page = await Html.ParseAsync(sixth);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        // The page says what it says to anyone; the owner was told of the lock by email.
        Assert.Contains("bloqué pour 15 minutes après plusieurs essais", page.QuerySelector(".notice.error")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/compte")).StatusCode);
        Assert.Contains(AuditActions.LockedOut, await AuditActionsAsync(user.Id));
        Assert.Contains(AuditActions.SignInFailed, await AuditActionsAsync(user.Id));
    }

    [Fact]
    public async Task SignIn_RecordsSuccessInTheAuditTable()
    {
        var user = await Portal.CreateAsync();

        await Portal.NewVisitor().SignInAsync(user.Email!);

        Assert.Contains(AuditActions.SignInSucceeded, await AuditActionsAsync(user.Id));
    }

    [Fact]
    public async Task SignIn_ReturnsToThePageAsked_ButNeverOffSite()
    {
        var user = await Portal.CreateAsync();

        var local = await Portal.NewVisitor().SignInAsync(user.Email!, returnUrl: "/demarches/carte-importateur");
        var offSite = await Portal.NewVisitor().SignInAsync(user.Email!, returnUrl: "https://exemple.org/piege");

        Assert.Equal("/demarches/carte-importateur", local.Headers.Location?.OriginalString);
        Assert.Equal("/compte", offSite.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var account = await visitor.GetPageAsync("/compte");

        var signOut = await visitor.SubmitFormAsync(account, "form[action='/compte/deconnexion']");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task ProtectedPages_SendVisitorsToSignIn()
    {
        var response = await Portal.NewVisitor().GetAsync("/compte");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion?returnUrl=", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    private async Task<ApplicationUser?> FindUserAsync(string email)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
    }

    private async Task<string?> LatestSubjectAsync(string recipient)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages
            .Where(m => m.Recipient == recipient).OrderByDescending(m => m.Id).Select(m => m.Subject).FirstOrDefaultAsync();
    }

    private async Task<List<string>> AuditActionsAsync(string userId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.SubjectId == userId).Select(a => a.Action).ToListAsync();
    }
}
