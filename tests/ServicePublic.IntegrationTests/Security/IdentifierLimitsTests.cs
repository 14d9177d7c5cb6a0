using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Infrastructure.Limits;

namespace ServicePublic.IntegrationTests.Security;

/// <summary>
/// Many mobile users share one address (carrier-grade NAT): the limit per address is generous, and
/// the tight one is per account, email or number, counted in PostgreSQL by every web node, with
/// the same answer whether the account exists or not.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class IdentifierLimitsTests(PortalFixture portal)
{
    /// <summary>One mobile operator's public address.</summary>
    private const string OperatorAddress = "41.207.33.1";

    private PortalFactory Portal => portal.Factory;

    /// <summary>A node with the portal's own limits (not the suite's generous ones).</summary>
    private PortalFactory NodeWithPortalLimits()
    {
        var node = new PortalFactory(Portal.ConnectionString, settings: new Dictionary<string, string> { ["Database:SeedCatalogue"] = "false" }, portalLimits: true);
        node.Start();
        return node;
    }

    private static HttpClient From(PortalFactory node, string address)
    {
        var client = node.CreatePortalClient();
        client.DefaultRequestHeaders.Add(PortalFactory.ClientIpHeader, address);
        return client;
    }

    /// <summary>Eleven posts of <paramref name="form"/> naming <paramref name="value"/>, each from another address, on either node in turn.</summary>
    private static async Task<List<HttpStatusCode>> ElevenPostsAsync(PortalFactory[] nodes, string path, string form, Dictionary<string, string> values)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            var client = From(nodes[i % nodes.Length], $"10.99.{Random.Shared.Next(256)}.{i + 1}");
            statuses.Add((await client.SubmitFormAsync(await client.GetPageAsync(path), form, values)).StatusCode);
        }
        return statuses;
    }

    /// <summary>
    /// Confirmed accounts stored directly, their password hashed with few iterations: a sign-in post
    /// costs the portal little, and 150 of them take seconds, not minutes.
    /// </summary>
    private async Task<List<string>> ManyAccountsAsync(int count)
    {
        var hasher = new PasswordHasher<ApplicationUser>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var emails = Enumerable.Range(0, count).Select(_ => TestAccounts.NewEmail("nat")).ToList();
        foreach (var email in emails)
        {
            var user = new ApplicationUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
                FullName = "Abla Kpodar",
                CreatedAt = DateTimeOffset.UtcNow,
            };
            user.PasswordHash = hasher.HashPassword(user, TestAccounts.Password);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();
        return emails;
    }

    [Fact]
    public async Task OneAddress_SigningIn150Accounts_IsNotRefused_ButElevenPostsForOneAccount_AreFromAnyAddressOrNode()
    {
        await using var node = NodeWithPortalLimits();
        await using var otherNode = NodeWithPortalLimits();
        var accounts = await ManyAccountsAsync(150);

        // 150 users of one operator mistype their password, each once: the form answers each of them.
        var behindTheOperator = new List<string>();
        foreach (var email in accounts)
        {
            var answer = await From(node, OperatorAddress).SignInAsync(email, "un mot de passe mal tapé");
            behindTheOperator.Add(answer.StatusCode == HttpStatusCode.OK ? Html.Collapse((await Html.ParseAsync(answer)).QuerySelector("main")!.TextContent) : answer.StatusCode.ToString());
        }
        var stillIn = await From(node, OperatorAddress).SignInAsync(accounts[0]);
        var known = await Portal.CreateAsync();
        var forOneAccount = await ElevenPostsAsync([node, otherNode], "/compte/connexion", "form#signin",
            new() { ["Email"] = known.Email!, ["Password"] = "pas le bon mot de passe" });
        var forNoAccount = await ElevenPostsAsync([node, otherNode], "/compte/connexion", "form#signin",
            new() { ["Email"] = TestAccounts.NewEmail(), ["Password"] = "pas le bon mot de passe" });
        var refused = await From(node, "10.98.0.1").SignInAsync(known.Email!);

        Assert.All(behindTheOperator, text => Assert.Contains("Connexion impossible : vérifiez votre adresse e-mail et votre mot de passe.", text));
        Assert.Equal(HttpStatusCode.Redirect, stillIn.StatusCode);
        Assert.All(forOneAccount[..10], status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, forOneAccount[10]);
        Assert.Equal(forOneAccount, forNoAccount);
        // Even the right password waits: the limit does not look at the account, so it says nothing about it.
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Trop de tentatives", Html.Collapse((await Html.ParseAsync(refused)).QuerySelector("main")!.TextContent));
    }

    [Fact]
    public async Task PasswordResetRequests_ForOneEmail_AreLimitedAlike_WhetherItHasAnAccountOrNot()
    {
        await using var node = NodeWithPortalLimits();
        var known = await Portal.CreateAsync();

        var forAnAccount = await ElevenPostsAsync([node], "/compte/mot-de-passe-oublie", "form#forgot", new() { ["Email"] = known.Email! });
        var forNoAccount = await ElevenPostsAsync([node], "/compte/mot-de-passe-oublie", "form#forgot", new() { ["Email"] = TestAccounts.NewEmail() });

        Assert.All(forAnAccount[..10], status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, forAnAccount[10]);
        Assert.Equal(forAnAccount, forNoAccount);
        Assert.Equal(10, await Portal.MessageCountAsync(known.Email!));
    }

    [Fact]
    public async Task TheSweep_DeletesEndedCounters_AndKeepsRunningOnes()
    {
        var ended = "test-ended:" + Guid.NewGuid().ToString("N");
        var running = "test-running:" + Guid.NewGuid().ToString("N");
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.RateCounters.AddRange(
                new RateCounter { Key = ended, Count = 3, WindowEnds = DateTimeOffset.UtcNow.AddMinutes(-1) },
                new RateCounter { Key = running, Count = 3, WindowEnds = DateTimeOffset.UtcNow.AddMinutes(10) });
            await db.SaveChangesAsync();
        }

        var sweep = Portal.Services.GetServices<IHostedService>().OfType<LimitsSweep>().Single();
        while (await sweep.RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        await using var check = Portal.Services.CreateAsyncScope();
        var left = check.ServiceProvider.GetRequiredService<AppDbContext>().RateCounters.Where(c => c.Key == ended || c.Key == running).Select(c => c.Key).ToList();
        Assert.Equal([running], left);
    }
}
