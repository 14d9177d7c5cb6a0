using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Infrastructure.Auditing;
using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Features.Shared;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// Paying a request's fees: the amount, line by line; T-Money, Flooz or card; one attempt at a
/// time; back from the provider, the outcome. Only those who may see the request may pay it.
/// </summary>
[Authorize]
public sealed class PaymentController(
    AppDbContext db,
    RequestAccess access,
    PaymentGateways gateways,
    PaymentProcessor processor,
    PortalLinks links,
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
            return Redirect(PageUrl(trackingNumber));
        }
        return View(page);
    }

    [HttpPost("/demandes/{trackingNumber}/paiement")]
    public async Task<IActionResult> Start(string trackingNumber, string? moyen, string? telephone, CancellationToken ct)
    {
        var page = await PageAsync(trackingNumber, ct);
        if (page is null)
        {
            return NotFound();
        }
        page = page with { ChosenMethod = moyen, TypedPhone = telephone };
        if (page.Request.Status != RequestStatus.AwaitingPayment)
        {
            TempData["Notice"] = "Cette demande n'attend pas de paiement.";
            return Redirect(PageUrl(trackingNumber));
        }
        if (page.Pending is not null)
        {
            this.AddError("", "Un paiement est déjà en cours pour cette demande : terminez-le, ou annulez-le pour en commencer un autre.");
            return View("Pay", page);
        }
        var method = PaymentLabels.FromSlug(moyen);
        if (method is null || !page.Methods.Contains(method.Value))
        {
            this.AddError("moyen", "Choisissez un moyen de paiement.");
            return View("Pay", page);
        }
        string? phone = null;
        if (method != PaymentMethod.Card)
        {
            phone = PhoneNumbers.Normalize(telephone);
            var problem = phone switch
            {
                null when string.IsNullOrWhiteSpace(telephone) => "Saisissez le numéro du compte qui paie, par exemple 90 12 34 56.",
                null => "Ce numéro n'est pas valide : saisissez 8 chiffres, par exemple 90 12 34 56.",
                _ => PhoneNumbers.OperatorProblem(method.Value, phone),
            };
            if (problem is not null)
            {
                this.AddError("telephone", problem);
                return View("Pay", page);
            }
        }
        var gateway = gateways.For(method.Value)!;
        var lines = page.Quote.ChargedNow.Select(l => new PaymentLine(l.Label, l.Quantity, l.Unit, l.UnitAmount ?? 0, l.Amount ?? 0, l.Refundable)).ToList();
        var payment = Payment.Start(page.Request.Id, UserId, method.Value, gateway.Name, phone, lines, clock.GetUtcNow());
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two tabs, or a double click: the other attempt is the one in progress.
            TempData["Notice"] = "Un paiement est déjà en cours pour cette demande.";
            return Redirect(PageUrl(trackingNumber));
        }
        await audit.RecordAsync(AuditActions.PaymentStarted, payment.Id.ToString(), $"{trackingNumber} {payment.Amount} XOF {gateway.Name} {method}", ct: ct);

        GatewayStart start;
        try
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == UserId).Select(u => new { u.FullName, u.Email }).SingleAsync(ct);
            start = await gateway.StartAsync(new GatewayStartRequest(payment, $"{page.Title} – {trackingNumber}",
                links.Absolute($"/api/paiements/{gateway.Name}/notification"),
                links.Absolute($"{PageUrl(trackingNumber)}?retour=true"), user.FullName, user.Email), ct);
        }
        catch (GatewayException ex)
        {
            logger.LogWarning(ex, "Payment {PaymentId}: {Provider} could not start it", payment.Id, gateway.Name);
            start = GatewayStart.Refuse("Le service de paiement ne répond pas pour le moment. Réessayez dans quelques minutes ; rien n'a été débité.");
        }
        var now = clock.GetUtcNow();
        if (!start.Accepted)
        {
            payment.Apply(new ProviderReport(ProviderOutcome.Failed, Detail: start.Refusal), now);
            await db.SaveChangesAsync(ct);
            this.AddError("moyen", start.Refusal ?? "Le paiement a été refusé.");
            return View("Pay", (await PageAsync(trackingNumber, ct))! with { ChosenMethod = moyen, TypedPhone = telephone });
        }
        payment.Registered(start.ProviderReference, start.CheckoutUrl, now);
        await db.SaveChangesAsync(ct);
        return Redirect(start.CheckoutUrl ?? PageUrl(trackingNumber));
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
        return Redirect(PageUrl(trackingNumber));
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
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(AuditActions.PaymentCancelled, payment.Id.ToString(), trackingNumber, ct: ct);
                TempData["Notice"] = "Paiement annulé. Vous pouvez en commencer un autre.";
            }
        }
        return Redirect(PageUrl(trackingNumber));
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

    private static string PageUrl(string trackingNumber) => $"/demandes/{trackingNumber}/paiement";

    private async Task<PaymentPage?> PageAsync(string trackingNumber, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var request = await access.Mine().AsNoTracking().SingleOrDefaultAsync(r => r.TrackingNumber == trackingNumber, ct);
        if (request is null)
        {
            return null;
        }
        var version = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == request.ProcedureVersionId)
            .Select(v => new { v.Title, v.Fees }).SingleAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.RequestId == request.Id).OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        var quote = FeeQuote.For(version.Fees, request.Answers, request.ApplicantKind);
        var phone = await db.Users.Where(u => u.Id == UserId).Select(u => u.PhoneNumber).SingleOrDefaultAsync(ct);
        return new PaymentPage(request, version.Title, quote, payments, gateways.Methods, null, phone);
    }
}

public sealed record PaymentPage(Request Request, string Title, FeeQuote Quote, IReadOnlyList<Payment> Payments, IReadOnlyList<PaymentMethod> Methods, string? ChosenMethod, string? TypedPhone)
{
    public Payment? Pending => Payments.FirstOrDefault(p => p.Status == PaymentStatus.Pending);

    public Payment? Paid => Payments.FirstOrDefault(p => p.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded && p.ReceiptNumber is not null);
}
