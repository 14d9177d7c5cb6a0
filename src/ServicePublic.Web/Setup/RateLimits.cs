using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ServicePublic.Web.Setup;

public static class RateLimitPolicies
{
    /// <summary>Sign-in, sign-up, password reset and SMS codes: per client IP.</summary>
    public const string Accounts = nameof(Accounts);
}

internal static class RateLimits
{
    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimits:Accounts:PermitLimit", 10);
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue("RateLimits:Accounts:WindowSeconds", 60));
        builder.Services.AddRateLimiter(o =>
        {
            // 429 without a body: the status-code pages render the portal's French page.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicies.Accounts, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
    }
}
