using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.IntegrationTests.Accounts;

/// <summary>A way to reach the account changes only with the password, and the old one is told.</summary>
[Collection(PortalCollection.Name)]
public sealed class FactorChangeTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task ChangingThePhone_NeedsThePassword_IsAudited_AndTellsTheOldNumberAndAddress()
    {
        var oldPhone = TestAccounts.NewPhone();
        var newPhone = TestAccounts.NewPhone();
        var user = await Portal.CreateAsync(phone: oldPhone);
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var form = await visitor.GetPageAsync("/compte/telephone");

        var refused = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#change-phone", new Dictionary<string, string> { ["Phone"] = newPhone[4..] }));
        var codeSentWithoutPassword = await Portal.LatestMessageAsync(newPhone);
        var sent = await visitor.SubmitFormAsync(form, "form#change-phone", new Dictionary<string, string> { ["Phone"] = newPhone[4..], ["CurrentPassword"] = TestAccounts.Password });
        var confirmPage = new Html.Page(sent, await Html.ParseAsync(sent));
        await visitor.SubmitFormAsync(confirmPage, "main form", new Dictionary<string, string> { ["Code"] = TestAccounts.CodeIn((await Portal.LatestMessageAsync(newPhone))!) });

        Assert.Contains("Le mot de passe est incorrect", refused.QuerySelector("main")!.TextContent);
        Assert.Null(codeSentWithoutPassword);
        Assert.Contains("Si ce n'est pas vous", await Portal.LatestMessageAsync(oldPhone));
        Assert.Contains("Si ce n'est pas vous", await Portal.LatestMessageAsync(user.Email!));
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.SubjectId == user.Id && a.Action == AuditActions.PhoneChanged));
        Assert.Equal(newPhone, (await db.Users.SingleAsync(u => u.Id == user.Id)).PhoneNumber);
    }

    [Fact]
    public async Task ChangingTheEmail_NeedsThePassword_AndTellsTheOldAddress()
    {
        var user = await Portal.CreateAsync();
        var newEmail = TestAccounts.NewEmail("nouvelle");
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(user.Email!);
        var form = await visitor.GetPageAsync("/compte/email");

        var refused = await Html.ParseAsync(await visitor.SubmitFormAsync(form, "form#change-email", new Dictionary<string, string> { ["Email"] = newEmail }));
        var linkSentWithoutPassword = await Portal.LatestMessageAsync(newEmail);
        await visitor.SubmitFormAsync(form, "form#change-email", new Dictionary<string, string> { ["Email"] = newEmail, ["CurrentPassword"] = TestAccounts.Password });
        await visitor.GetAsync(TestAccounts.LinkIn((await Portal.LatestMessageAsync(newEmail))!));

        Assert.Contains("Le mot de passe est incorrect", refused.QuerySelector("main")!.TextContent);
        Assert.Null(linkSentWithoutPassword);
        Assert.Contains("Si ce n'est pas vous", await Portal.LatestMessageAsync(user.Email!));
    }
}
