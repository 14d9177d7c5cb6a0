using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ServicePublic.Web.Setup;

/// <summary>
/// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the portal believes
/// (<c>ForwardedHeaders:KnownProxies</c>: addresses, <c>ForwardedHeaders:KnownNetworks</c>: CIDR
/// ranges, comma-separated; <c>ForwardedHeaders:ForwardLimit</c>: how many of them stand in a row).
/// A request from anywhere else keeps its own address, so a client cannot pick the address its rate
/// limits and log lines are counted under by sending the header itself. Production refuses
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, which believes the header from anyone.
/// </summary>
internal static class Proxies
{
    public const string Section = "ForwardedHeaders";

    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // The host reads it as FORWARDEDHEADERS_ENABLED (ASPNETCORE_ prefix removed), the application as is.
        if (builder.Environment.IsProduction()
            && (configuration.GetValue<bool>("ASPNETCORE_FORWARDEDHEADERS_ENABLED") || configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED")))
        {
            throw new InvalidOperationException(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED believes X-Forwarded-For from any client, which could then choose the address its rate limits are counted under: "
                + "remove it and name the reverse proxies in ForwardedHeaders__KnownProxies (addresses) or ForwardedHeaders__KnownNetworks (CIDR ranges).");
        }
        var proxies = List(configuration[$"{Section}:KnownProxies"]).Select(IPAddress.Parse).ToList();
        var networks = List(configuration[$"{Section}:KnownNetworks"]).Select(n => System.Net.IPNetwork.Parse(n)).ToList();
        var limit = configuration.GetValue($"{Section}:ForwardLimit", 1);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = limit;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
    }

    /// <summary>First of all, so that everything after sees the client's address (when a known proxy gave it).</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
