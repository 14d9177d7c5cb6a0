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
/// A forged or unknown callback changes nothing and gets a 4xx, and is audited (<see cref="CallbackRefusals"/>);
/// a valid one a quick 200.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class CallbacksController(AppDbContext db, PaymentGateways gateways, PaymentProcessor processor, CallbackRefusals refusals, TimeProvider clock, ILogger<CallbacksController> logger) : Controller
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
            return await RefuseAsync(NotFound(), provider, "unknown-provider", null, null, ct);
        }
        var contentType = Request.ContentType ?? "";
        if (contentType.Length > PaymentCallback.ContentTypeMaxLength)
        {
            return await RefuseAsync(BadRequest("type de contenu trop long"), gateway.Name, "bad-content-type", null, null, ct);
        }
        if (await ReadBodyAsync(ct) is not { } body)
        {
            return await RefuseAsync(StatusCode(StatusCodes.Status413PayloadTooLarge), gateway.Name, "body-too-large", null, null, ct);
        }
        var headers = Request.Headers
            .Where(h => h.Key.StartsWith("x-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var incoming = new IncomingCallback(body, contentType, headers);
        if (gateway.NamedPayment(incoming) is not { } named)
        {
            return await RefuseAsync(BadRequest("identifiant de paiement illisible"), gateway.Name, "unreadable", null, null, ct);
        }
        var found = await db.Payments.Where(p => p.Id == named).Select(p => new { p.Provider, p.Status }).SingleOrDefaultAsync(ct);
        if (found is null || found.Provider != gateway.Name)
        {
            return await RefuseAsync(NotFound(), gateway.Name, found is null ? "unknown-payment" : "other-provider", named, found?.Provider, ct);
        }
        if (found.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded)
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
            // The stored callback's outcome and its audit entry, together.
            callback.Record(null, $"Refusé : {reading.Refusal}");
            return await RefuseAsync(BadRequest(reading.Refusal), gateway.Name, "refused", named, reading.Refusal, ct);
        }
        var result = await processor.ApplyAsync(reading.PaymentId.Value, gateway.Name, reading.Report, $"notification {gateway.Name}", ct);
        if (result is null)
        {
            logger.LogWarning("Callback {CallbackId} from {Provider} names an unknown payment {PaymentId}", callback.Id, gateway.Name, reading.PaymentId);
            // The processor cleared the context: the callback is tracked again to record its outcome.
            db.PaymentCallbacks.Attach(callback);
            callback.Record(null, $"Paiement inconnu : {reading.PaymentId}");
            return await RefuseAsync(NotFound(), gateway.Name, "unknown-payment", reading.PaymentId, null, ct);
        }
        await RecordAsync(callback.Id, reading.PaymentId, result switch
        {
            ApplyResult.Applied => $"Appliqué : {reading.Report.Outcome}",
            ApplyResult.AmountMismatch => "Montant différent : signalé, non appliqué",
            _ => $"Sans effet (déjà connu) : {reading.Report.Outcome}",
        }, ct);
        return Ok();
    }

    /// <summary>Audits a refusal (throttled), saving the stored callback's outcome with it, and gives <paramref name="answer"/>.</summary>
    private async Task<IActionResult> RefuseAsync(IActionResult answer, string provider, string reason, Guid? paymentId, string? detail, CancellationToken ct)
    {
        await refusals.RecordAsync(provider, reason, paymentId, detail, ct);
        return answer;
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
