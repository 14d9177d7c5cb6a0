using System.Security.Cryptography;
using System.Text;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// Receipts at /recus/{number}: the full, printable receipt for the payer (and the staff of the
/// ministry concerned); with the code its QR carries, anyone — a bank, an office — can check that
/// the receipt is genuine, and sees only what it needs (the payer's name partly masked).
/// Anyone else gets a 404, as for a receipt that does not exist.
/// </summary>
public sealed class ReceiptsController(ReceiptQueries queries, StaffAccessRefusals refusals, PortalLinks links) : Controller
{
    [HttpGet("/recus/{receiptNumber}")]
    public async Task<IActionResult> Receipt(string receiptNumber, string? code, CancellationToken ct)
    {
        var receipt = await queries.ReceiptAsync(receiptNumber, User, ct);
        if (receipt is null)
        {
            return NotFound();
        }
        var payment = receipt.Payment;
        var genuine = code is not null && payment.ReceiptCode is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code.ToUpperInvariant()), Encoding.ASCII.GetBytes(payment.ReceiptCode));
        if (!receipt.Full && !genuine)
        {
            await refusals.RecordAsync(receiptNumber, "reçu", ct);
            return NotFound();
        }
        var verifyUrl = links.Absolute(PaymentPaths.ReceiptCheck(payment.ReceiptNumber!, payment.ReceiptCode!));
        return View(new ReceiptPage(payment, receipt.TrackingNumber, receipt.ProcedureTitle, receipt.Full ? receipt.Payer : Mask(receipt.Payer), receipt.Full, QrCodes.SvgDataUri(verifyUrl), verifyUrl));
    }

    /// <summary>"Kossi Agbeko" → "K**** A******": enough to match a person in front of you.</summary>
    public static string Mask(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length <= 1 ? w : w[0] + new string('*', w.Length - 1)));
}

/// <param name="Full">The payer or the staff who reach the request (second factor, their office): everything; otherwise the public check.</param>
public sealed record ReceiptPage(Payment Payment, string TrackingNumber, string ProcedureTitle, string Payer, bool Full, string QrCode, string VerifyUrl);
