using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Documents;

/// <summary>
/// The document a request delivered, for its applicant (and the businesses' members, and the
/// ministry's staff): a printable page and a PDF. Anyone else gets a 404, as for a request
/// without a document.
/// </summary>
[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IssuedDocumentController(AppDbContext db, RequestAccess access, PortalLinks links) : Controller
{
    [HttpGet("/demandes/{trackingNumber}/document")]
    public async Task<IActionResult> Show(string trackingNumber, CancellationToken ct)
    {
        var document = await FindAsync(trackingNumber, ct);
        if (document is null)
        {
            return NotFound();
        }
        var verifyUrl = VerifyUrl(document);
        return View(new IssuedDocumentPage(document, trackingNumber, QrCodes.SvgDataUri(verifyUrl), links.Absolute(DocumentPaths.Verify)));
    }

    [HttpGet("/demandes/{trackingNumber}/document.pdf")]
    public async Task<IActionResult> Pdf(string trackingNumber, CancellationToken ct)
    {
        var document = await FindAsync(trackingNumber, ct);
        if (document is null)
        {
            return NotFound();
        }
        var pdf = DocumentPdf.Build(document, trackingNumber, VerifyUrl(document), links.Absolute(DocumentPaths.Verify));
        return File(pdf, "application/pdf", $"{document.Number}.pdf");
    }

    /// <summary>What the QR code opens: the verification page, with the signed payload an offline verifier checks.</summary>
    private string VerifyUrl(IssuedDocument document) => links.Absolute(DocumentPaths.SignedVerification(document.VerificationCode, document.Payload));

    private async Task<IssuedDocument?> FindAsync(string trackingNumber, CancellationToken ct)
    {
        var found = await (from r in db.Requests
                           join d in db.IssuedDocuments on r.Id equals d.RequestId
                           where r.TrackingNumber == trackingNumber
                           select new { RequestId = r.Id, Document = d })
            .AsNoTracking().SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        var allowed = await access.Mine().AnyAsync(r => r.Id == found.RequestId, ct) || await db.IsStaffOfAsync(User, found.Document.MinistryId, ct);
        return allowed ? found.Document : null;
    }
}

public sealed record IssuedDocumentPage(IssuedDocument Document, string TrackingNumber, string QrCode, string VerifierUrl);
