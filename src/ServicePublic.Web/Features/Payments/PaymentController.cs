using System.Security.Claims;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// Paying a request's fees: the amount, line by line; T-Money, Flooz or card; one attempt at a
/// time; back from the provider, the outcome. Only those who may see the request may pay it.
/// </summary>
[Authorize]
public sealed class PaymentController(
    AppDbContext db,
    PaymentPages pages,
    PaymentStart starter,
    PaymentGateways gateways,
    PaymentProcessor processor,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PaymentController> logger) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("/demandes/{trackingNumber}/paiement")]
    public async Task<IActionResult> Pay(string trackingNumber, bool retour, CancellationToken ct)
    {
        var page = await PageAsync(trackingNumber, ct);
        if (page is null)
        {
            return NotFound();
        }
        if (retour && page.Pending is { } pending)
        {
            // Back from the checkout page: ask the provider rather than wait for its callback.
            await CheckAsync(pending, ct);
            return Redirect(PaymentPaths.Pay(trackingNumber));
        }
        return View(page);
    }

    [HttpPost("/demandes/{trackingNumber}/paiement")]
    public async Task<IActionResult> Start(string trackingNumber, string? moyen, string? telephone, CancellationToken ct)
    {
        switch (await starter.StartAsync(new StartPayment(trackingNumber, moyen, telephone), UserId, ct))
        {
            case PaymentStartResult.GoTo next:
                if (next.Notice is not null)
                {
                    TempData["Notice"] = next.Notice;
                }
                return Redirect(next.Url);
            case PaymentStartResult.Refused refused:
                // Under the form field it is about, so the page shows it beside that field.
                this.AddError(refused.Field switch { PaymentField.Method => nameof(moyen), PaymentField.Phone => nameof(telephone), _ => "" }, refused.Message);
                return View("Pay", refused.Page);
            default:
                return NotFound();
        }
    }

    /// <summary>"I have confirmed on my phone": ask the provider now.</summary>
    [HttpPost("/demandes/{trackingNumber}/paiement/verifier")]
    public async Task<IActionResult> Check(string trackingNumber, CancellationToken ct)
    {
        var page = await PageAsync(trackingNumber, ct);
        if (page is null)
        {
            return NotFound();
        }
        if (page.Pending is { } pending && !await CheckAsync(pending, ct))
        {
            TempData["Notice"] = "Le prestataire ne confirme pas encore votre paiement. S'il est validé sur votre téléphone, il apparaîtra ici sous peu.";
        }
        return Redirect(PaymentPaths.Pay(trackingNumber));
    }

    /// <summary>Gives up on the attempt in progress, to try another number or method.</summary>
    [HttpPost("/demandes/{trackingNumber}/paiement/annuler")]
    public async Task<IActionResult> Cancel(string trackingNumber, CancellationToken ct)
    {
        var page = await PageAsync(trackingNumber, ct);
        if (page is null)
        {
            return NotFound();
        }
        if (page.Pending is { } pending)
        {
            // A last look first: if the money went through, it is a success, not a cancellation.
            await CheckAsync(pending, ct);
            var payment = await db.Payments.SingleAsync(p => p.Id == pending.Id, ct);
            if (payment.Status == PaymentStatus.Pending)
            {
                payment.Cancel("Annulé par le payeur", clock.GetUtcNow());
                // Saves the cancellation with its audit entry.
                await audit.RecordAsync(AuditActions.PaymentCancelled, payment.Id.ToString(), trackingNumber, ct: ct);
                TempData["Notice"] = "Paiement annulé. Vous pouvez en commencer un autre.";
            }
        }
        return Redirect(PaymentPaths.Pay(trackingNumber));
    }

    /// <summary>True when the provider gave a final answer.</summary>
    private async Task<bool> CheckAsync(Payment pending, CancellationToken ct)
    {
        var gateway = gateways.ByName(pending.Provider);
        if (gateway is null)
        {
            return false;
        }
        try
        {
            var report = await gateway.CheckAsync(pending, ct);
            await processor.ApplyAsync(pending.Id, pending.Provider, report, "vérification", ct);
            return report.Outcome != ProviderOutcome.Pending;
        }
        catch (GatewayException ex)
        {
            logger.LogWarning(ex, "Payment {PaymentId}: {Provider} status check failed", pending.Id, pending.Provider);
            return false;
        }
    }

    private Task<PaymentPage?> PageAsync(string trackingNumber, CancellationToken ct) => pages.PageAsync(trackingNumber, UserId, ct);
}
