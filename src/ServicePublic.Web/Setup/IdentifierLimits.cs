using Microsoft.AspNetCore.Mvc.Filters;
using ServicePublic.Web.Infrastructure.Limits;

namespace ServicePublic.Web.Setup;

/// <summary>RateLimits:PerIdentifier — how many posts one email, phone number or tracking number gets per window, from anywhere.</summary>
public sealed class IdentifierLimitOptions
{
    public const string Section = "RateLimits:PerIdentifier";

    public int PermitLimit { get; set; } = 10;
    public int WindowSeconds { get; set; } = 900;
}

/// <summary>
/// Limits the posts that name one identifier (the form field <paramref name="field"/>) for one
/// action, whichever address or web node they come from: counted in PostgreSQL, for every value
/// typed — an account or not — so the 429 past the limit says nothing about whether it exists.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LimitPerIdentifierAttribute(string action, string field) : Attribute, IAsyncActionFilter
{
    public const string SignIn = "sign-in";
    public const string SmsSignIn = "sms-sign-in";
    public const string SignUp = "sign-up";
    public const string Reset = "reset";
    public const string Tracking = "tracking";

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var value = request.HasFormContentType ? request.Form[field].ToString() : "";
        if (!string.IsNullOrWhiteSpace(value))
        {
            var services = context.HttpContext.RequestServices;
            var options = services.GetRequiredService<IOptions<IdentifierLimitOptions>>().Value;
            var window = TimeSpan.FromSeconds(options.WindowSeconds);
            // "90 00 00 01" and "+228 90000001" are one number.
            var identifier = PhoneNumbers.Normalize(value) ?? value;
            var count = await services.GetRequiredService<RateCounters>().HitAsync(RateCounters.Key(action, identifier), window, context.HttpContext.RequestAborted);
            if (count > options.PermitLimit)
            {
                services.GetRequiredService<ILogger<LimitPerIdentifierAttribute>>().LogWarning("Limit per identifier reached for {Action}", action);
                context.HttpContext.Response.Headers.RetryAfter = options.WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // No body: the status-code pages render the portal's French "too many attempts" page, as for the limit per address.
                context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
                return;
            }
        }
        await next();
    }
}
