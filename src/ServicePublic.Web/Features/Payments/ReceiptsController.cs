using System.Security.Cryptography;
using System.Text;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Payments;

/// <summary>
/// Receipts at /recus/{number}: the full, printable receipt for the payer (and the staff of the
/// ministry concerned); with the code its QR carries, anyone — a bank, an office — can check that
/// the receipt is genuine, and sees only what it needs (the payer's name partly masked).
/// Anyone else gets a 404, as for a receipt that does not exist.
/// </summary>
public sealed class ReceiptsController(AppDbContext db, RequestAccess access, PortalLinks links) : Controller
{
    [HttpGet("/recus/{receiptNumber}")]
    public async Task<IActionResult> Receipt(string receiptNumber, string? code, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.ReceiptNumber == receiptNumber, ct);
        if (payment is null)
        {
            return NotFound();
        }
        var row = await db.Requests.AsNoTracking().Where(r => r.Id == payment.RequestId)
            .Select(r => new
            {
                Request = r,
                r.ProcedureVersion.Title,
                r.ProcedureVersion.Procedure.MinistryId,
                BusinessName = db.Businesses.Where(b => b.Id == r.BusinessId).Select(b => b.Name).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var payerName = await db.Users.Where(u => u.Id == payment.PayerId).Select(u => u.FullName).SingleAsync(ct);
        var full = await access.Mine().AnyAsync(r => r.Id == payment.RequestId, ct) || await db.IsStaffOfAsync(User, row.MinistryId, ct);
        var genuine = code is not null && payment.ReceiptCode is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code.ToUpperInvariant()), Encoding.ASCII.GetBytes(payment.ReceiptCode));
        if (!full && !genuine)
        {
            return NotFound();
        }
        var verifyUrl = links.Absolute(PaymentPaths.ReceiptCheck(payment.ReceiptNumber!, payment.ReceiptCode!));
        var payer = row.BusinessName is null ? payerName : $"{row.BusinessName} ({payerName})";
        return View(new ReceiptPage(payment, row.Request.TrackingNumber!, row.Title, full ? payer : Mask(payer), full, QrCodes.SvgDataUri(verifyUrl), verifyUrl));
    }

    /// <summary>"Kossi Agbeko" → "K**** A******": enough to match a person in front of you.</summary>
    public static string Mask(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length <= 1 ? w : w[0] + new string('*', w.Length - 1)));
}

/// <param name="Full">The payer or the ministry's staff: everything; otherwise the public check.</param>
public sealed record ReceiptPage(Payment Payment, string TrackingNumber, string ProcedureTitle, string Payer, bool Full, string QrCode, string VerifyUrl);
