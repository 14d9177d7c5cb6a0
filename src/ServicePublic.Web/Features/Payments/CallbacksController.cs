using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// Providers' callbacks. One that names none of this provider's open payments is answered at once,
/// without storing it or calling the provider, so a flood of invented ones costs one indexed read
/// each. The others are stored raw first, then verified by the provider's adapter (a signature, or
/// a status check when the provider does not sign), then applied once by <see cref="PaymentProcessor"/>.
/// A forged or unknown callback changes nothing and gets a 4xx; a valid one a quick 200.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class CallbacksController(AppDbContext db, PaymentGateways gateways, PaymentProcessor processor, TimeProvider clock, ILogger<CallbacksController> logger) : Controller
{
    private const int MaxBodyBytes = 64 * 1024;

    [HttpPost("/api/paiements/{provider}/notification")]
    [RequestSizeLimit(MaxBodyBytes)]
    [EnableRateLimiting(RateLimitPolicies.Callbacks)]
    [RawBody]
    public async Task<IActionResult> Notify(string provider, CancellationToken ct)
    {
        // A provider reads status codes, not the portal's HTML error pages.
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
        var gateway = gateways.ByName(provider);
        if (gateway is null)
        {
            return NotFound();
        }
        var contentType = Request.ContentType ?? "";
        if (contentType.Length > PaymentCallback.ContentTypeMaxLength)
        {
            return BadRequest("type de contenu trop long");
        }
        if (await ReadBodyAsync(ct) is not { } body)
        {
            return StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var headers = Request.Headers
            .Where(h => h.Key.StartsWith("x-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var incoming = new IncomingCallback(body, contentType, headers);
        if (gateway.NamedPayment(incoming) is not { } named)
        {
            return BadRequest("identifiant de paiement illisible");
        }
        var status = await db.Payments.Where(p => p.Id == named && p.Provider == gateway.Name).Select(p => (PaymentStatus?)p.Status).SingleOrDefaultAsync(ct);
        if (status is null)
        {
            return NotFound();
        }
        if (status is PaymentStatus.Succeeded or PaymentStatus.Refunded)
        {
            // Settled: no report can change it (a repeat, a stale "pending"), so nothing to store or ask.
            return Ok();
        }

        var callback = new PaymentCallback(gateway.Name, clock.GetUtcNow(), HttpContext.Connection.RemoteIpAddress?.ToString(), contentType, body, headers);
        db.PaymentCallbacks.Add(callback);
        await db.SaveChangesAsync(ct);

        CallbackReading reading;
        try
        {
            reading = await gateway.ReadCallbackAsync(incoming, ct);
        }
        catch (GatewayException ex)
        {
            logger.LogWarning(ex, "Callback {CallbackId} from {Provider} could not be verified", callback.Id, gateway.Name);
            await RecordAsync(callback.Id, null, "Vérification impossible pour l'instant", ct);
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        if (reading.Refusal is not null || reading.PaymentId is null || reading.Report is null)
        {
            logger.LogWarning("Callback {CallbackId} from {Provider} refused: {Reason}", callback.Id, gateway.Name, reading.Refusal);
            await RecordAsync(callback.Id, null, $"Refusé : {reading.Refusal}", ct);
            return BadRequest(reading.Refusal);
        }
        var result = await processor.ApplyAsync(reading.PaymentId.Value, gateway.Name, reading.Report, $"notification {gateway.Name}", ct);
        if (result is null)
        {
            logger.LogWarning("Callback {CallbackId} from {Provider} names an unknown payment {PaymentId}", callback.Id, gateway.Name, reading.PaymentId);
            await RecordAsync(callback.Id, null, $"Paiement inconnu : {reading.PaymentId}", ct);
            return NotFound();
        }
        await RecordAsync(callback.Id, reading.PaymentId, result switch
        {
            ApplyResult.Applied => $"Appliqué : {reading.Report.Outcome}",
            ApplyResult.AmountMismatch => "Montant différent : signalé, non appliqué",
            _ => $"Sans effet (déjà connu) : {reading.Report.Outcome}",
        }, ct);
        return Ok();
    }

    /// <summary>The body as text, or null when it is longer than <see cref="MaxBodyBytes"/> (whatever the server's own limit).</summary>
    private async Task<string?> ReadBodyAsync(CancellationToken ct)
    {
        if (Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit ([RequestSizeLimit]) on a body sent without a length.
            return null;
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private Task RecordAsync(long callbackId, Guid? paymentId, string outcome, CancellationToken ct) =>
        db.PaymentCallbacks.Where(c => c.Id == callbackId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PaymentId, paymentId).SetProperty(c => c.Outcome, outcome), ct);
}
