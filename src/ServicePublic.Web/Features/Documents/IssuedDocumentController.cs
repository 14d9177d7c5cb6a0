using ServicePublic.Web.Domain.Documents;

namespace ServicePublic.Web.Features.Documents;

/// <summary>
/// The document a request delivered, for its applicant (and the businesses' members, and the
/// staff who reach the request in the back office): a printable page and a PDF. Anyone else gets a 404, as for a request
/// without a document.
/// </summary>
[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IssuedDocumentController(DocumentQueries queries, PortalLinks links) : Controller
{
    [HttpGet("/demandes/{trackingNumber}/document")]
    public async Task<IActionResult> Show(string trackingNumber, CancellationToken ct)
    {
        var document = await queries.OfRequestAsync(trackingNumber, User, ct);
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
        var document = await queries.OfRequestAsync(trackingNumber, User, ct);
        if (document is null)
        {
            return NotFound();
        }
        var pdf = DocumentPdf.Build(document, trackingNumber, VerifyUrl(document), links.Absolute(DocumentPaths.Verify));
        return File(pdf, "application/pdf", $"{document.Number}.pdf");
    }

    /// <summary>What the QR code opens: the verification page, with the signed payload an offline verifier checks.</summary>
    private string VerifyUrl(IssuedDocument document) => links.Absolute(DocumentPaths.SignedVerification(document.VerificationCode, document.Payload));
}

public sealed record IssuedDocumentPage(IssuedDocument Document, string TrackingNumber, string QrCode, string VerifierUrl);
