using System.Security.Claims;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// A supervisor revokes a document its ministry issued (an administrator, any), with a reason;
/// from then on /verifier says it is revoked. Another ministry's document answers 404.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RevocationController(RevocationQueries queries, AuditLog audit, TimeProvider clock) : Controller
{
    [HttpGet("/supervision/documents/{number}")]
    public async Task<IActionResult> Show(string number, CancellationToken ct)
    {
        var document = await queries.FindAsync(number, User, ct);
        return document is null ? NotFound() : View("Revocation", await queries.PageAsync(document, null, ct));
    }

    [HttpPost("/supervision/documents/{number}/revoquer")]
    public async Task<IActionResult> Revoke(string number, string? reason, CancellationToken ct)
    {
        var document = await queries.FindAsync(number, User, ct);
        if (document is null)
        {
            return NotFound();
        }
        try
        {
            document.Revoke(User.FindFirstValue(ClaimTypes.NameIdentifier)!, reason, clock.GetUtcNow());
        }
        catch (BusinessRuleException ex)
        {
            this.AddError("reason", ex.Message);
            return View("Revocation", await queries.PageAsync(document, reason, ct));
        }
        // Saves the revocation and its audit entry together.
        await audit.RecordAsync(AuditActions.DocumentRevoked, document.Number, document.RevocationReason, ct: ct);
        TempData["Notice"] = "Le document est révoqué : la vérification en ligne l'indique désormais.";
        return Redirect(SupervisionPaths.Document(document.Number));
    }
}
