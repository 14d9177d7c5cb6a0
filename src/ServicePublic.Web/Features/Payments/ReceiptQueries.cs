using System.Security.Claims;
using ServicePublic.Web.Features.Payments.CinetPay;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Payments;

/// <summary>Reads receipts, and where a payer coming back from a provider's checkout goes on to.</summary>
public sealed class ReceiptQueries(AppDbContext db, RequestAccess access)
{
    /// <summary>
    /// The receipt's payment, its request and the payer's name (with the business's, for a business
    /// request); <see cref="ReceiptRow.Full"/> when <paramref name="user"/> is the payer or staff who reach
    /// the request in the back office (with their second factor). Null when there is no such receipt.
    /// </summary>
    public async Task<ReceiptRow?> ReceiptAsync(string receiptNumber, ClaimsPrincipal user, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.ReceiptNumber == receiptNumber, ct);
        if (payment is null)
        {
            return null;
        }
        var row = await db.Requests.AsNoTracking().Where(r => r.Id == payment.RequestId)
            .Select(r => new
            {
                Request = r,
                r.ProcedureVersion.Title,
                r.ProcedureVersion.Procedure.MinistryId,
                r.ProcedureVersion.Procedure.OfficeId,
                BusinessName = db.Businesses.Where(b => b.Id == r.BusinessId).Select(b => b.Name).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var payerName = await db.Users.Where(u => u.Id == payment.PayerId).Select(u => u.FullName).SingleAsync(ct);
        var full = await access.Mine().AnyAsync(r => r.Id == payment.RequestId, ct) || await db.IsStaffOfRequestAsync(user, row.MinistryId, row.OfficeId, ct);
        var payer = row.BusinessName is null ? payerName : $"{row.BusinessName} ({payerName})";
        return new ReceiptRow(payment, row.Request.TrackingNumber!, row.Title, payer, full);
    }

    /// <summary>The tracking number of the request a CinetPay payment is for; null when there is no such CinetPay payment.</summary>
    public Task<string?> CinetPayTrackingNumberAsync(Guid paymentId, CancellationToken ct) =>
        db.Payments.Where(p => p.Id == paymentId && p.Provider == CinetPayGateway.ProviderName)
            .Join(db.Requests, p => p.RequestId, r => r.Id, (_, r) => r.TrackingNumber)
            .SingleOrDefaultAsync(ct);
}

/// <param name="Payer">Unmasked: the controller masks it for the public check.</param>
/// <param name="Full">The payer or the ministry's staff may see the whole receipt.</param>
public sealed record ReceiptRow(Payment Payment, string TrackingNumber, string ProcedureTitle, string Payer, bool Full);
