using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Documents;

/// <summary>
/// Public verification of issued documents, for whoever is shown one (customs, a bank, the
/// police): by the code printed on it, or by its QR code, whose signed payload must also match the
/// record. Anything that does not check out — unknown code, bad or tampered payload — is simply
/// "not valid", never an error. Rate-limited per IP so that codes cannot be enumerated.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Verification)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class VerificationController(DocumentQueries queries, DocumentSigner signer, TimeProvider clock) : Controller
{
    [HttpGet(DocumentPaths.Verify)]
    public IActionResult Index(string? code)
    {
        if (code is null)
        {
            return View(new VerificationForm(null));
        }
        var normalized = IssuedDocument.NormalizeCode(code);
        if (normalized is null)
        {
            this.AddError("code", "Le code de vérification compte 10 lettres et chiffres, par exemple ABCDE-FGH23.");
            return View(new VerificationForm(code.Length > 40 ? code[..40] : code));
        }
        return Redirect(DocumentPaths.Verification(normalized));
    }

    [HttpGet(DocumentPaths.PublicKey)]
    public ContentResult PublicKey() => Content(signer.PublicKeyPem, "text/plain; charset=utf-8");

    [HttpGet("/verifier/{code}")]
    public async Task<IActionResult> Verify(string code, string? p, CancellationToken ct)
    {
        var normalized = IssuedDocument.NormalizeCode(code);
        var document = normalized is null ? null
            : await queries.ByVerificationCodeAsync(normalized, ct);
        if (document is null || (p is not null && signer.Verify(p) != IssuedDocuments.Claims(document)))
        {
            return View(VerificationPage.NotValid);
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return View(new VerificationPage(
            document.StateOn(today), document.Kind, document.Number, ReceiptsController.Mask(document.HolderName),
            document.IssuedAt, document.ValidUntil, document.RevokedAt, document.OfficeName ?? document.MinistryName, p is not null));
    }
}

public sealed record VerificationForm(string? Code);

/// <param name="State">Null: not valid (unknown code, or a payload that fails its signature or differs from the record).</param>
/// <param name="PayloadChecked">The QR code's signed payload was checked too, not only the code.</param>
public sealed record VerificationPage(
    DocumentState? State, string Kind, string Number, string Holder, DateTimeOffset IssuedAt, DateOnly? ValidUntil,
    DateTimeOffset? RevokedAt, string Issuer, bool PayloadChecked)
{
    public static readonly VerificationPage NotValid = new(null, "", "", "", default, null, null, "", false);
}
