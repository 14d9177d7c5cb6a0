namespace ServicePublic.Web.Features.Payments.Sandbox;

/// <summary>
/// The sandbox provider's checkout page: it stands for the provider's payment page, or for the
/// payer's phone asking to confirm a mobile-money payment. Absent unless the sandbox is enabled.
/// The transaction id in the address is random, as a real provider's is.
/// </summary>
public sealed class SandboxController(AppDbContext db, SandboxCheckout checkout, IOptions<SandboxOptions> options) : Controller
{
    [HttpGet("/sandbox/paiement/{id}")]
    public async Task<IActionResult> Checkout(string id, CancellationToken ct)
    {
        var transaction = await FindAsync(id, ct);
        return transaction is null ? NotFound() : View(new SandboxPage(transaction, options.Value.Delivery));
    }

    [HttpPost("/sandbox/paiement/{id}")]
    public async Task<IActionResult> Decide(string id, string? decision, SandboxDelivery? notifications, CancellationToken ct)
    {
        var transaction = await FindAsync(id, ct);
        if (transaction is null)
        {
            return NotFound();
        }
        SandboxStatus? status = decision switch
        {
            "approuver" => SandboxStatus.Paid,
            "refuser" => SandboxStatus.Declined,
            "expirer" => SandboxStatus.Expired,
            _ => null,
        };
        if (status is null)
        {
            ModelState.AddModelError("decision", "Choisissez une issue.");
            return View("Checkout", new SandboxPage(transaction, notifications ?? options.Value.Delivery));
        }
        // Deciding twice (a double click, the back button) keeps the first decision.
        await checkout.DecideAsync(transaction, status.Value, notifications ?? options.Value.Delivery, ct);
        return Redirect(transaction.ReturnUrl);
    }

    private async Task<SandboxTransaction?> FindAsync(string id, CancellationToken ct) =>
        options.Value.Enabled ? await db.SandboxTransactions.SingleOrDefaultAsync(t => t.Id == id, ct) : null;
}

public sealed record SandboxPage(SandboxTransaction Transaction, SandboxDelivery Delivery);
