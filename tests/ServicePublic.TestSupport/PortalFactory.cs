using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ServicePublic.TestSupport;

/// <summary>
/// The portal as tests run it: its own database, migrated and seeded at start-up, in the
/// "Testing" environment (error pages as in production). Like production, it migrates as the
/// database's owner (<paramref name="connectionString"/>, a <see cref="TestDatabase"/>'s) and runs
/// as a role that owns nothing (<see cref="RuntimeConnectionString"/>). With <paramref name="kestrel"/>, it
/// listens on a real loopback port that a browser can reach. With <paramref name="clock"/>, the
/// portal's time is the test's (figures that depend on "now", such as the supervision room). With
/// <paramref name="portalLimits"/>, the portal keeps its own rate limits instead of the suite's generous ones.
/// </summary>
public sealed class PortalFactory(
    string connectionString, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null, bool portalLimits = false)
    : WebApplicationFactory<Program>
{
    /// <summary>A test header that stands for the client's IP address (rate limits are per IP).</summary>
    public const string ClientIpHeader = "X-Test-Client-IP";

    /// <summary>The secret the sandbox signs its callbacks with, so a test can sign (or forge) one.</summary>
    public const string SandboxSecret = "test-sandbox-secret-0123456789abcdef";

    /// <summary>What the SMS and USSD aggregator signs its posts with, in tests.</summary>
    public const string TelephonySecret = "test-telephony-secret-0123456789abcdef";

    /// <summary>The owner's connection: for tests that change rows behind the portal's back on purpose.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The portal's own connection, as its runtime role.</summary>
    public string RuntimeConnectionString { get; } = TestDatabase.AsPortal(connectionString);

    /// <summary>What the portal logged at Error or above.</summary>
    public LoggedErrors Errors { get; } = new();

    /// <summary>The base address a browser uses (only with Kestrel).</summary>
    public Uri RootUri { get; private set; } = new("http://localhost");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", RuntimeConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedCatalogue", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Files:Root", Path.Combine(Path.GetTempPath(), "servicepublic-files-" + Guid.NewGuid().ToString("N")));
        // Tests speak plain HTTP, as run.sh does.
        builder.UseSetting("Security:HttpsOnly", "false");
        // Generous limits for the suite; a test of the limit itself sets its own, or keeps the portal's.
        if (!portalLimits)
        {
            builder.UseSetting("RateLimits:Accounts:PermitLimit", "1000");
            builder.UseSetting("RateLimits:Verification:PermitLimit", "1000");
            builder.UseSetting("RateLimits:Callbacks:PermitLimit", "1000");
            builder.UseSetting("RateLimits:PerIdentifier:PermitLimit", "1000");
        }
        // Payments go through the built-in sandbox, quick to call back; the job runs when a test asks.
        builder.UseSetting("Payments:Sandbox:Enabled", "true");
        builder.UseSetting("Payments:Sandbox:Secret", SandboxSecret);
        builder.UseSetting("Telephony:Secret", TelephonySecret);
        builder.UseSetting("Payments:Sandbox:PollMilliseconds", "100");
        builder.UseSetting("Payments:Sandbox:LateSeconds", "2");
        builder.UseSetting("Payments:ReconciliationEnabled", "false");
        // Audit checkpoints in a folder of this portal's own; taken when a test asks.
        builder.UseSetting("Audit:CheckpointDirectory", Path.Combine(Path.GetTempPath(), "servicepublic-checkpoints-" + Guid.NewGuid().ToString("N")));
        builder.UseSetting("Audit:CheckpointsEnabled", "false");
        // Pages are read back right after the test changed the data behind them: the output cache
        // (on in production) is off, except in the tests of caching, which turn it on. The
        // caching headers (Cache-Control, ETag) are the same either way.
        builder.UseSetting("OutputCache:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientIpFromHeader>();
            services.AddSingleton<Serilog.Core.ILogEventSink>(Errors);
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            if (!kestrel)
            {
                // Without a socket, the sandbox reaches the portal's callback address through the test server.
                services.AddHttpClient("sandbox-callbacks").ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            }
        });
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

    /// <summary>Another portal node on this one's database (already migrated), with <paramref name="overrides"/>; started.</summary>
    public PortalFactory AnotherNode(IReadOnlyDictionary<string, string> overrides)
    {
        var node = new PortalFactory(ConnectionString, settings: new Dictionary<string, string>(overrides) { ["Database:SeedCatalogue"] = "false" });
        node.Start();
        return node;
    }

    /// <summary>Stops the portal, then closes the idle connections its pools still hold (<see cref="TestDatabase"/>).</summary>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(RuntimeConnectionString));
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        }
    }

    /// <summary>A client of the portal that keeps cookies and does not follow redirects: through the test server, or over the loopback port with Kestrel.</summary>
    public HttpClient CreatePortalClient() => kestrel
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = RootUri }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>Lets a test act from a given client IP, as requests through a proxy would.</summary>
internal sealed class ClientIpFromHeader : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(PortalFactory.ClientIpHeader, out var ip) && IPAddress.TryParse(ip, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
