using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.IntegrationTests.Accounts;

/// <summary>Who reaches the staff area and the administration, role changes, demo accounts, /dev/messages.</summary>
[Collection(PortalCollection.Name)]
public sealed class AdminAndBackOfficeTests(PortalFixture portal)
{
    private const string DemoPassword = "Demo-ServicePublic-Essai";

    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task Agent_RefusesAClerk_WhenSignedInWithoutASecondFactor()
    {
        var clerk = await Portal.CreateAsync(roles: [Roles.Agent], ministryCode: "MDERM");
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(clerk.Email!);

        var response = await visitor.GetAsync("/agent");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/acces-refuse", Where(response));
        var denied = await visitor.GetPageAsync(Where(response));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("double authentification", denied.MainText);
        Assert.DoesNotContain("Espace agents", denied.Texts("h1"));
    }

    [Fact]
    public async Task Agent_ShowsTheClerksMinistry_WhenSignedInWithTotp()
    {
        var clerk = await Portal.CreateAsync(roles: [Roles.Agent], twoFactor: true, ministryCode: "MDERM");
        var visitor = Portal.NewVisitor();
        await visitor.SignInWithTotpAsync(Portal, clerk);

        var page = await visitor.GetPageAsync("/agent");
        var again = await visitor.GetPageAsync("/agent");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Espace agents"], page.Texts("h1"));
        Assert.Contains(await MinistryNameAsync("MDERM"), page.MainText);
        Assert.Contains("Demandes à traiter", page.MainText);
        // The session keeps its second factor from one request to the next.
        Assert.Equal(HttpStatusCode.OK, again.Status);
    }

    [Fact]
    public async Task AgentAndAdministration_RefuseACitizen()
    {
        var citizen = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(citizen.Email!);

        foreach (var url in new[] { "/agent", "/admin/utilisateurs", $"/admin/utilisateurs/{citizen.Id}" })
        {
            var response = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/compte/acces-refuse", Where(response));
        }
        var anonymous = await Portal.NewVisitor().GetAsync("/admin/utilisateurs");
        Assert.StartsWith("/compte/connexion", Where(anonymous));
    }

    [Fact]
    public async Task Administration_RefusesAnAdministrator_WhenSignedInWithoutTheirSecondFactor()
    {
        var admin = await Portal.CreateAsync(roles: [Roles.Administrator]);
        var visitor = Portal.NewVisitor();
        await visitor.SignInAsync(admin.Email!);

        var response = await visitor.GetAsync("/admin/utilisateurs");

        Assert.StartsWith("/compte/acces-refuse", Where(response));
    }

    [Fact]
    public async Task AssigningAgentRole_IsAudited_AndClosesTheUsersOpenSession()
    {
        var (admin, adminClient) = await SignedInAdminAsync();
        var citizen = await Portal.CreateAsync();
        var citizenClient = Portal.NewVisitor();
        await citizenClient.SignInAsync(citizen.Email!);
        Assert.StartsWith("/compte/acces-refuse", Where(await citizenClient.GetAsync("/agent")));
        var mderm = await MinistryIdAsync("MDERM");

        var list = await adminClient.GetPageAsync("/admin/utilisateurs?q=" + Uri.EscapeDataString(citizen.Email!));
        Assert.Equal([citizen.Email!], list.Texts("#users tbody td:nth-child(2)"));
        Assert.Equal(["Citoyen"], list.Texts("#users tbody td:nth-child(3)"));
        var form = await adminClient.GetPageAsync($"/admin/utilisateurs/{citizen.Id}");
        var saved = await adminClient.SubmitFormAsync(form, "form#roles", new Dictionary<string, string>
        {
            [Roles.Agent] = "true",
            ["MinistryId"] = mderm.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await adminClient.GetPageAsync(Where(saved));
        Assert.Contains("Rôles enregistrés", after.MainText);
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(citizen.Id))!;
            Assert.Equal([Roles.Agent, Roles.Citizen], (await users.GetRolesAsync(user)).Order());
            Assert.Equal(mderm, user.MinistryId);
            Assert.Null(user.OfficeId);
            var audit = await db.AuditEntries.SingleAsync(a => a.SubjectId == citizen.Id && a.Action == AuditActions.RolesChanged);
            Assert.Equal(admin.Id, audit.ActorId);
            Assert.Equal("roles: Citizen; ministry: -; office: - -> roles: Citizen, Agent; ministry: MDERM; office: -", audit.Details);
        }

        // The new security stamp refuses the old cookie: the person is sent to sign in again...
        var next = await citizenClient.GetAsync("/agent");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/compte/connexion", Where(next));
        // ...and then the new role applies: a clerk must first set up a second factor.
        var signIn = await citizenClient.SignInAsync(citizen.Email!);
        Assert.Equal("/compte/double-authentification", Where(signIn));
    }

    [Fact]
    public async Task AssigningAgentRole_AsksForTheMinistry_WhenNoneIsChosen()
    {
        var (_, adminClient) = await SignedInAdminAsync();
        var citizen = await Portal.CreateAsync();

        var form = await adminClient.GetPageAsync($"/admin/utilisateurs/{citizen.Id}");
        var response = await adminClient.SubmitFormAsync(form, "form#roles", new Dictionary<string, string> { [Roles.Agent] = "true" });
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Choisissez le ministère de cet agent, superviseur, rédacteur ou publicateur.", Html.Collapse(page.QuerySelector("#MinistryId ~ .field-error")?.TextContent ?? ""));
        // What was typed is kept: the Agent box is still ticked.
        Assert.NotNull(page.QuerySelector("#role-Agent[checked]"));
        Assert.Equal([Roles.Citizen], await RolesOfAsync(citizen.Id));
        Assert.False(await AuditedAsync(citizen.Id));
    }

    [Fact]
    public async Task AssigningAnOffice_IsRefused_WhenItBelongsToAnotherMinistry()
    {
        var (_, adminClient) = await SignedInAdminAsync();
        var citizen = await Portal.CreateAsync();
        int otherOffice;
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            otherOffice = await db.Offices.Where(o => o.MinistryId != db.Ministries.Single(m => m.Code == "MDERM").Id).Select(o => o.Id).FirstAsync();
        }

        var form = await adminClient.GetPageAsync($"/admin/utilisateurs/{citizen.Id}");
        var response = await adminClient.SubmitFormAsync(form, "form#roles", new Dictionary<string, string>
        {
            [Roles.Agent] = "true",
            ["MinistryId"] = (await MinistryIdAsync("MDERM")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OfficeId"] = otherOffice.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ce bureau ne relève pas du ministère choisi.", Html.Collapse(page.QuerySelector("#OfficeId ~ .field-error")?.TextContent ?? ""));
        Assert.Equal([Roles.Citizen], await RolesOfAsync(citizen.Id));
    }

    [Fact]
    public async Task Administrator_CannotRemoveTheirOwnAdministratorRole()
    {
        var (admin, adminClient) = await SignedInAdminAsync();

        var form = await adminClient.GetPageAsync($"/admin/utilisateurs/{admin.Id}");
        var response = await adminClient.SubmitFormAsync(form, "form#roles", new Dictionary<string, string> { [Roles.Administrator] = "false", [Roles.Citizen] = "true" });
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vous ne pouvez pas retirer votre propre rôle d'administrateur.", page.QuerySelector("main")!.TextContent);
        Assert.Equal([Roles.Administrator], await RolesOfAsync(admin.Id));
    }

    [Fact]
    public async Task Administrator_KeepsTheirSession_WhenChangingTheirOwnRoles()
    {
        var (admin, adminClient) = await SignedInAdminAsync();

        var form = await adminClient.GetPageAsync($"/admin/utilisateurs/{admin.Id}");
        var saved = await adminClient.SubmitFormAsync(form, "form#roles", new Dictionary<string, string> { [Roles.Citizen] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([Roles.Citizen, Roles.Administrator], await RolesOfAsync(admin.Id));
        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync("/admin/utilisateurs")).StatusCode);
    }

    [Fact]
    public async Task UserPage_AnswersNotFound_ForAnUnknownId()
    {
        var (_, adminClient) = await SignedInAdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await adminClient.GetAsync($"/admin/utilisateurs/{Guid.NewGuid()}")).StatusCode);
        var form = await adminClient.GetPageAsync("/admin/utilisateurs");
        Assert.Equal(HttpStatusCode.OK, form.Status);
    }

    [Fact]
    public async Task UserList_FindsByEmailOrName_ThirtyPerPage()
    {
        var (_, adminClient) = await SignedInAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 31; i++)
        {
            await Portal.CreateAsync(email: $"liste-{tag}-{i:00}@exemple.tg");
        }
        var named = await Portal.CreateAsync();
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Users.Where(u => u.Id == named.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FullName, $"Kossi Zz{tag}"));
        }

        var first = await adminClient.GetPageAsync($"/admin/utilisateurs?q=liste-{tag}");
        var second = await adminClient.GetPageAsync($"/admin/utilisateurs?q=liste-{tag}&page=2");
        var byName = await adminClient.GetPageAsync($"/admin/utilisateurs?q=zz{tag.ToUpperInvariant()}");
        var wildcard = await adminClient.GetPageAsync("/admin/utilisateurs?q=%25_%25");

        Assert.Equal(30, first.Texts("#users tbody tr").Count);
        Assert.Contains("31 comptes", first.MainText);
        Assert.Single(second.Texts("#users tbody tr"));
        Assert.Equal([named.Email!], byName.Texts("#users tbody td:nth-child(2)"));
        Assert.Contains("Aucun compte", wildcard.MainText);
    }

    [Fact]
    public async Task DevMessages_AnswersNotFound_OutsideDevelopment()
    {
        var response = await Portal.NewVisitor().GetAsync("/dev/messages");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DemoSeeder_CreatesTheNineAccounts_AndAddsNothingTheSecondTime()
    {
        await using var demo = new PortalFactory(await TestDatabase.CreateAsync("sp_demo"), settings: DemoSettings());
        demo.Start();

        var before = await DemoStateAsync(demo);
        await using (var scope = demo.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoAccountsSeeder>().SeedAsync();
        }
        var after = await DemoStateAsync(demo);

        Assert.Equal(
            [
                "admin@demo.servicepublic.tg Administrator 2FA - -",
                "agent.mines@demo.servicepublic.tg Agent 2FA MDERM DGMG",
                "citoyen@demo.servicepublic.tg Citizen - - -",
                "entreprise@demo.servicepublic.tg Citizen - - -",
                "guichet.dgdn@demo.servicepublic.tg Agent 2FA MSPC DGDN",
                "publication.mines@demo.servicepublic.tg Publisher 2FA MDERM -",
                "redaction.mines@demo.servicepublic.tg Editor 2FA MDERM -",
                "superviseur.dgdn@demo.servicepublic.tg Supervisor 2FA MSPC -",
                "superviseur.mines@demo.servicepublic.tg Supervisor 2FA MDERM -",
            ],
            before.Accounts);
        Assert.Equal(["Société Demo Import-Export SARL 1000123456 TG-LFW-01-2024-B12-00123 SARL Lomé entreprise@demo.servicepublic.tg Owner"], before.Businesses);
        Assert.Equal(before.Counts, after.Counts);
        Assert.Equal(before.Accounts, after.Accounts);
        Assert.Equal(before.Businesses, after.Businesses);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(7, before.Keys.Count);

        // A demo account signs in with the configured password.
        var visitor = demo.NewVisitor();
        var signIn = await visitor.SignInAsync("citoyen@demo.servicepublic.tg", DemoPassword);
        Assert.Equal("/compte", Where(signIn));
    }

    [Fact]
    public async Task DemoSeeder_CreatesNothing_InProduction()
    {
        var logger = new CapturingLogger();
        await using var scope = Portal.Services.CreateAsyncScope();
        var seeder = ActivatorUtilities.CreateInstance<DemoAccountsSeeder>(
            scope.ServiceProvider, new FixedEnvironment(Environments.Production), Options.Create(new DemoOptions { Password = DemoPassword }), logger);

        await seeder.SeedAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var account in DemoAccountsSeeder.Accounts)
        {
            Assert.Null(await users.FindByEmailAsync(account.Email));
        }
        Assert.Contains(logger.Warnings, w => w.Contains("Production", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevMessages_ShowsMessagesWithLinks_AndTheDemoClerksCode_InDevelopment()
    {
        var settings = new Dictionary<string, string>(DemoSettings()) { ["environment"] = Environments.Development };
        await using var dev = new PortalFactory(await TestDatabase.CreateAsync("sp_dev"), settings: settings);
        dev.Start();
        await using (var scope = dev.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.OutboxMessages.Add(Web.Domain.Messaging.OutboxMessage.Email(
                "afi@exemple.tg", "Confirmez", "Ouvrez http://localhost/compte/confirmer?id=1&code=a%2Bb. <script>alert(1)</script> javascript:alert(2)", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        var visitor = dev.NewVisitor();

        var page = await visitor.GetPageAsync("/dev/messages");
        var clerkRow = page.Document.QuerySelectorAll("#demo-accounts tbody tr")
            .Single(r => r.TextContent.Contains("agent.mines@demo.servicepublic.tg", StringComparison.Ordinal));
        var code = clerkRow.QuerySelector("code.totp")!.TextContent;
        var body = page.Document.QuerySelector("#messages .message-body")!;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["http://localhost/compte/confirmer?id=1&code=a%2Bb"], body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", body.TextContent);
        Assert.Matches("^[0-9]{6}$", code);

        // The code shown is the one the sign-in expects: a tester signs in as the clerk without an app.
        var first = await visitor.SignInAsync("agent.mines@demo.servicepublic.tg", DemoPassword);
        var twoFactor = await visitor.GetPageAsync(Where(first));
        var fresh = (await visitor.GetPageAsync("/dev/messages")).Document.QuerySelectorAll("#demo-accounts tbody tr")
            .Single(r => r.TextContent.Contains("agent.mines@", StringComparison.Ordinal)).QuerySelector("code.totp")!.TextContent;
        await visitor.SubmitFormAsync(twoFactor, "form#two-factor", new Dictionary<string, string> { ["Code"] = fresh });
        var agent = await visitor.GetPageAsync("/agent");
        Assert.Equal(HttpStatusCode.OK, agent.Status);
        Assert.Contains("Direction générale des mines et de la géologie", agent.MainText);
    }

    private static Dictionary<string, string> DemoSettings() => new()
    {
        ["Database:SeedDemoAccounts"] = "true",
        ["Demo:Password"] = DemoPassword,
    };

    /// <summary>Where a redirect leads, as a path and query (the authentication handlers write absolute addresses).</summary>
    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : "";

    private async Task<(ApplicationUser Admin, HttpClient Client)> SignedInAdminAsync()
    {
        var admin = await Portal.CreateAsync(roles: [Roles.Administrator], twoFactor: true);
        var client = Portal.NewVisitor();
        await client.SignInWithTotpAsync(Portal, admin);
        return (admin, client);
    }

    private async Task<int> MinistryIdAsync(string code)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Ministries.Where(m => m.Code == code).Select(m => m.Id).SingleAsync();
    }

    private async Task<string> MinistryNameAsync(string code)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Ministries.Where(m => m.Code == code).Select(m => m.Name).SingleAsync();
    }

    /// <summary>The account's roles, in the order of <see cref="Roles.All"/>.</summary>
    private async Task<string[]> RolesOfAsync(string userId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = await users.GetRolesAsync((await users.FindByIdAsync(userId))!);
        return [.. roles.OrderBy(r => Array.IndexOf(Roles.All, r))];
    }

    private async Task<bool> AuditedAsync(string userId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(a => a.SubjectId == userId && a.Action == AuditActions.RolesChanged);
    }

    private sealed record DemoCounts(int Users, int UserRoles, int Businesses, int Members);

    private sealed record DemoState(DemoCounts Counts, List<string> Accounts, List<string> Keys, List<string> Businesses);

    private static async Task<DemoState> DemoStateAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var accounts = new List<string>();
        var keys = new List<string>();
        foreach (var email in DemoAccountsSeeder.Accounts.Select(a => a.Email).Order())
        {
            var user = (await users.FindByEmailAsync(email))!;
            var ministry = await db.Ministries.Where(m => m.Id == user.MinistryId).Select(m => m.Code).FirstOrDefaultAsync();
            var office = await db.Offices.Where(o => o.Id == user.OfficeId).Select(o => o.Code).FirstOrDefaultAsync();
            Assert.True(user.EmailConfirmed && user.PhoneNumberConfirmed);
            accounts.Add($"{email} {string.Join(",", await users.GetRolesAsync(user))} {(user.TwoFactorEnabled ? "2FA" : "-")} {ministry ?? "-"} {office ?? "-"}");
            if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
            {
                keys.Add(key);
            }
        }
        var businesses = await db.Businesses
            .Select(b => new { b.Name, b.Nif, b.Rccm, b.LegalForm, b.Address, Members = b.Members.Select(m => new { m.UserId, m.Role }).ToList() })
            .ToListAsync();
        var emails = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Email);
        var businessList = businesses.SelectMany(b => b.Members.Select(m => $"{b.Name} {b.Nif} {b.Rccm} {b.LegalForm} {b.Address} {emails[m.UserId]} {m.Role}")).ToList();
        var counts = new DemoCounts(
            await db.Users.CountAsync(), await db.UserRoles.CountAsync(), await db.Businesses.CountAsync(), await db.BusinessMembers.CountAsync());
        return new DemoState(counts, accounts, keys, businessList);
    }

    private sealed class FixedEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "ServicePublic.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class CapturingLogger : ILogger<DemoAccountsSeeder>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
