using System.Net;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Hosts;

/// <summary>
/// X-Forwarded-For is believed from the configured proxies only: a client that sends it itself is
/// still counted, for rate limits and logs, under the address it comes from.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ProxyTests(PortalFixture portal)
{
    private const string Proxy = "10.200.0.1";

    private PortalFactory Portal => portal.Factory;

    /// <summary>Three public verifications a minute per address, and the one proxy above.</summary>
    private PortalFactory Node() => Portal.AnotherNode(new Dictionary<string, string>
    {
        ["ForwardedHeaders:KnownProxies"] = Proxy,
        ["RateLimits:Verification:PermitLimit"] = "3",
    });

    /// <summary>Four verifications from <paramref name="from"/>, each saying it is for another client.</summary>
    private static async Task<HttpStatusCode[]> FourVerificationsAsync(PortalFactory node, string from)
    {
        var client = node.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/verifier");
            request.Headers.Add(PortalFactory.ClientIpHeader, from);
            request.Headers.Add("X-Forwarded-For", $"41.207.{i}.{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return [.. statuses];
    }

    [Fact]
    public async Task AClientNamingOtherAddresses_IsStillLimitedUnderItsOwn_WhileTheProxysClientsAreCountedApart()
    {
        await using var node = Node();

        var fromAClient = await FourVerificationsAsync(node, "10.7.7.7");
        var throughTheProxy = await FourVerificationsAsync(node, Proxy);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], fromAClient);
        Assert.All(throughTheProxy, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public void Production_BelievingTheHeaderFromAnyone_RefusesToStart_SayingWhy()
    {
        using var production = new PortalFactory(Portal.ConnectionString, settings: new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Portal:PublicUrl"] = "https://servicepublic.example.tg",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        });

        var failure = StartupFailure.Of(production);

        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED believes X-Forwarded-For from any client", failure, StringComparison.Ordinal);
    }
}
