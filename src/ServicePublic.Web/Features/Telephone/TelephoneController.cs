using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using ServicePublic.Web.Infrastructure.Messaging;
using ServicePublic.Web.Infrastructure.Webhooks;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Telephone;

/// <summary>
/// What the SMS and USSD aggregator posts (form-encoded, signed with <see cref="WebhookSignature"/>
/// in <see cref="TelephoneOptions.SignatureHeader"/>): an SMS to the portal's number, answered by
/// SMS through the outbox (sent, retried, its delivery recorded like any other); a USSD step,
/// answered in the response; the delivery receipt of an SMS the portal sent. An unsigned or
/// forged post is refused (401) and nothing is read. Every post is small, rate-limited per
/// address like the payment providers' callbacks, and read raw, as it was signed.
/// </summary>
[IgnoreAntiforgeryToken]
[AllowAnonymous]
[RequestSizeLimit(MaxBodyBytes)]
[EnableRateLimiting(RateLimitPolicies.Callbacks)]
[Payments.RawBody]
public sealed class TelephoneController(
    PhoneDesk desk, SmsReceipts receipts, TelephoneSecret secret, TimeProvider clock, ILogger<TelephoneController> logger) : Controller
{
    private const int MaxBodyBytes = 4 * 1024;

    /// <summary>How old a signature may be: the aggregator posts at once.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [HttpPost(TelephonePaths.SmsInbound)]
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

    /// <summary>
    /// A delivery receipt: <c>id</c> (the provider's, as its answer to the send gave it), <c>status</c>
    /// (delivered, failed or sent) and an optional <c>error</c>. An unknown id gets 404 and nothing
    /// more; a receipt already applied gets 200 again, so a provider's retries are harmless.
    /// </summary>
    [HttpPost(TelephonePaths.SmsStatus)]
    public async Task<IActionResult> SmsStatus(CancellationToken ct)
    {
        if (await SignedFormAsync(ct) is not { } form)
        {
            return Unauthorized();
        }
        if (SmsReceipts.ParseStatus(form.GetValueOrDefault("status")) is not { } status || form.GetValueOrDefault("id") is not { Length: > 0 } id)
        {
            return BadRequest("id ou statut illisible");
        }
        return await receipts.ApplyAsync(id, status, form.GetValueOrDefault("error"), ct) ? Ok() : NotFound();
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

    /// <summary>The aggregator posts here the delivery receipt of each SMS the portal sent.</summary>
    public const string SmsStatus = "/api/sms/statut";

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
