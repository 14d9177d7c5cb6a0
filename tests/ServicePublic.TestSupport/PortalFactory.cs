using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ServicePublic.TestSupport;

/// <summary>
/// The portal as tests run it: its own database, migrated and seeded at start-up, in the
/// "Testing" environment (error pages as in production). With <paramref name="kestrel"/>, it
/// listens on a real loopback port that a browser can reach.
/// </summary>
public sealed class PortalFactory(string connectionString, bool kestrel = false) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>The base address a browser uses (only with Kestrel).</summary>
    public Uri RootUri { get; private set; } = new("http://localhost");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedCatalogue", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Tests speak plain HTTP, as run.sh does.
        builder.UseSetting("Security:HttpsOnly", "false");
        // Outside Development, CSS and other static web assets need this to be found.
        builder.UseStaticWebAssets();
        if (kestrel)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>Starts the host (migrating and seeding) and, with Kestrel, reads its port.</summary>
    public void Start()
    {
        if (kestrel)
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            RootUri = new Uri(address);
        }
        else
        {
            _ = Server;
        }
    }

    public HttpClient CreatePortalClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
