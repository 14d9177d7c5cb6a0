using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using ServicePublic.Web.Infrastructure.Webhooks;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Telephone;

/// <summary>
/// What the SMS and USSD aggregator posts (form-encoded, signed with <see cref="WebhookSignature"/>
/// in <see cref="TelephoneOptions.SignatureHeader"/>): an SMS to the portal's number, answered by
/// SMS through the outbox (sent, retried, its delivery recorded like any other); a USSD step,
/// answered in the response. An unsigned or forged post is refused (401) and nothing is read.
/// </summary>
[IgnoreAntiforgeryToken]
[AllowAnonymous]
public sealed class TelephoneController(PhoneDesk desk, TelephoneSecret secret, TimeProvider clock, ILogger<TelephoneController> logger) : Controller
{
    private const int MaxBodyBytes = 4 * 1024;

    /// <summary>How old a signature may be: the aggregator posts at once.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [HttpPost(TelephonePaths.SmsInbound)]
    [RequestSizeLimit(MaxBodyBytes)]
    [EnableRateLimiting(RateLimitPolicies.Callbacks)]
    [Payments.RawBody]
    public async Task<IActionResult> Sms(CancellationToken ct)
    {
        if (await SignedFormAsync(ct) is not { } form)
        {
            return Unauthorized();
        }
        if (PhoneNumbers.Normalize(form.GetValueOrDefault("from")) is not { } phone)
        {
            return BadRequest("numero d'expediteur illisible");
        }
        return Ok(new { reply = await desk.AnswerSmsAsync(phone, form.GetValueOrDefault("text"), ct) });
    }

    [HttpPost(TelephonePaths.Ussd)]
    [RequestSizeLimit(MaxBodyBytes)]
    [EnableRateLimiting(RateLimitPolicies.Callbacks)]
    [Payments.RawBody]
    public async Task<IActionResult> Ussd(CancellationToken ct)
    {
        if (await SignedFormAsync(ct) is not { } form)
        {
            return Unauthorized();
        }
        if (PhoneNumbers.Normalize(form.GetValueOrDefault("phoneNumber")) is not { } phone)
        {
            return BadRequest("numero illisible");
        }
        return Content(await desk.AnswerUssdAsync(phone, form.GetValueOrDefault("text"), ct), "text/plain; charset=utf-8");
    }

    /// <summary>The posted form when its signature holds; null (after a log line) otherwise.</summary>
    private async Task<Dictionary<string, string>?> SignedFormAsync(CancellationToken ct)
    {
        // An aggregator reads status codes, not the portal's HTML error pages.
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
        using var reader = new StreamReader(Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        if (WebhookSignature.Check(secret.Value, body, Request.Headers[TelephoneOptions.SignatureHeader], clock.GetUtcNow(), Tolerance) is { } refusal)
        {
            logger.LogWarning("Telephony post refused: {Refusal}", refusal);
            return null;
        }
        return QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
    }
}

public static class TelephonePaths
{
    /// <summary>The aggregator posts here each SMS sent to the portal's number.</summary>
    public const string SmsInbound = "/api/sms/entrant";

    /// <summary>The aggregator posts here each step of a USSD session.</summary>
    public const string Ussd = "/api/ussd";

    /// <summary>Development only: a phone on the screen, to text and dial the portal.</summary>
    public const string Simulator = "/dev/telephone";
}

internal static class TelephoneServices
{
    public static void AddTelephone(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<TelephoneOptions>(builder.Configuration.GetSection(TelephoneOptions.Section));
        if (builder.Environment.IsProduction() && string.IsNullOrWhiteSpace(builder.Configuration[$"{TelephoneOptions.Section}:Secret"]))
        {
            throw new InvalidOperationException(
                "Telephony:Secret is not set. In Production every SMS and USSD post from the aggregator must be signed with a shared secret: set Telephony__Secret (32 random bytes or more).");
        }
        builder.Services.AddSingleton<TelephoneSecret>();
        builder.Services.AddScoped<PhoneDesk>();
    }
}
