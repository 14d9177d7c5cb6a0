using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.IntegrationTests.BackOffice;

/// <summary>The queue's search box takes what a clerk types literally: "%" and "_" are characters, not wildcards.</summary>
[Collection(PortalCollection.Name)]
public sealed class QueueSearchTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    private async Task FiledByAsync(string applicantName)
    {
        var user = await Factory.CreateAsync();
        await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FullName, applicantName)));
        await Factory.FileAsync(user, "declaration-de-naissance");
    }

    [Fact]
    public async Task SearchingTheQueue_ForTextWithPercentOrUnderscore_FindsOnlyThatText()
    {
        var tag = "Q" + Guid.NewGuid().ToString("N")[..8];
        await FiledByAsync($"Coopérative {tag} 50%");
        await FiledByAsync($"Coopérative {tag} 500");
        await FiledByAsync($"Coopérative {tag} a_b");
        await FiledByAsync($"Coopérative {tag} axb");
        var clerk = await Factory.CreateAsync(roles: [Roles.Agent], twoFactor: true, ministryCode: "MATDCL");
        var client = Factory.NewVisitor();
        await client.SignInWithTotpAsync(Factory, clerk);

        var percent = await client.GetPageAsync($"/agent?q={Uri.EscapeDataString(tag + " 50%")}");
        var underscore = await client.GetPageAsync($"/agent?q={Uri.EscapeDataString(tag + " a_b")}");

        Assert.Contains("1 demande(s)", percent.MainText, StringComparison.Ordinal);
        Assert.Contains($"{tag} 50%", percent.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain($"{tag} 500", percent.MainText, StringComparison.Ordinal);
        Assert.Contains("1 demande(s)", underscore.MainText, StringComparison.Ordinal);
        Assert.Contains($"{tag} a_b", underscore.MainText, StringComparison.Ordinal);
    }
}
