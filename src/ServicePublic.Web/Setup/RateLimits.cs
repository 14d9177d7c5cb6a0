using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Infrastructure.Limits;

namespace ServicePublic.Web.Setup;

public static class RateLimitPolicies
{
    /// <summary>
    /// Sign-in, sign-up, password reset and SMS codes: per client IP, generous, because a whole mobile
    /// operator's users may share one address (carrier-grade NAT). The tight limits are per account,
    /// email or phone number (<see cref="LimitPerIdentifierAttribute"/>, Features/Accounts/SmsCodes.cs).
    /// </summary>
    public const string Accounts = nameof(Accounts);

    /// <summary>The public verification of issued documents (/verifier): per client IP, so codes cannot be enumerated.</summary>
    public const string Verification = nameof(Verification);

    /// <summary>Payment providers' callbacks: per client IP, generous (a provider posts from few addresses), still bounding a flood.</summary>
    public const string Callbacks = nameof(Callbacks);
}

internal static class RateLimits
{
    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimits:Accounts:PermitLimit", 200);
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue("RateLimits:Accounts:WindowSeconds", 60));
        // A customs post scans many documents in a row: more generous than sign-in, still far from enumeration.
        var verifications = builder.Configuration.GetValue("RateLimits:Verification:PermitLimit", 30);
        var callbacks = builder.Configuration.GetValue("RateLimits:Callbacks:PermitLimit", 300);
        builder.Services.Configure<IdentifierLimitOptions>(builder.Configuration.GetSection(IdentifierLimitOptions.Section));
        builder.Services.AddScoped<RateCounters>();
        builder.Services.AddHostedService<LimitsSweep>();
        builder.Services.AddRateLimiter(o =>
        {
            // 429 without a body: the status-code pages render the portal's French page.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicies.Accounts, context => PerClientIp(context, permits, window));
            o.AddPolicy(RateLimitPolicies.Verification, context => PerClientIp(context, verifications, window));
            o.AddPolicy(RateLimitPolicies.Callbacks, context => PerClientIp(context, callbacks, window));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
    }

    private static RateLimitPartition<string> PerClientIp(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
