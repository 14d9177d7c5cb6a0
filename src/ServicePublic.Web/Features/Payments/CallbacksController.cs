using System.Text;
using Microsoft.AspNetCore.Diagnostics;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// Providers' callbacks: stored raw first, then verified by the provider's adapter (a signature,
/// or a status check when the provider does not sign), then applied once by <see cref="PaymentProcessor"/>.
/// A forged or unknown callback changes nothing and gets a 4xx; a valid one a quick 200.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class CallbacksController(AppDbContext db, PaymentGateways gateways, PaymentProcessor processor, TimeProvider clock, ILogger<CallbacksController> logger) : Controller
{
    private const int MaxBodyBytes = 64 * 1024;

    [HttpPost("/api/paiements/{provider}/notification")]
    [RequestSizeLimit(MaxBodyBytes)]
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
        string body;
        using (var reader = new StreamReader(Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(ct);
        }
        var headers = Request.Headers
            .Where(h => h.Key.StartsWith("x-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var callback = new PaymentCallback(gateway.Name, clock.GetUtcNow(), HttpContext.Connection.RemoteIpAddress?.ToString(),
            Request.ContentType ?? "", body, headers);
        db.PaymentCallbacks.Add(callback);
        await db.SaveChangesAsync(ct);

        CallbackReading reading;
        try
        {
            reading = await gateway.ReadCallbackAsync(new IncomingCallback(body, Request.ContentType ?? "", headers), ct);
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

    private Task RecordAsync(long callbackId, Guid? paymentId, string outcome, CancellationToken ct) =>
        db.PaymentCallbacks.Where(c => c.Id == callbackId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PaymentId, paymentId).SetProperty(c => c.Outcome, outcome), ct);
}
