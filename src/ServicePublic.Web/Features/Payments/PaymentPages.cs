using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Payments;

/// <summary>Reads the payment page of a request the user may see: its fees, its attempts, the methods on offer.</summary>
public sealed class PaymentPages(AppDbContext db, RequestAccess access, PaymentGateways gateways, TimeProvider clock)
{
    /// <summary>Null when there is no such request, or not one <paramref name="userId"/> may see.</summary>
    public async Task<PaymentPage?> PageAsync(string trackingNumber, string userId, CancellationToken ct)
    {
        // Read afresh: a caller that has just saved a payment must see it as the database has it.
        db.ChangeTracker.Clear();
        var row = await access.Mine().AsNoTracking().Where(r => r.TrackingNumber == trackingNumber)
            .Select(r => new { Request = r, r.ProcedureVersion.Title, r.ProcedureVersion.Fees, r.ProcedureVersion.Form })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var request = row.Request;
        var payments = await db.Payments.AsNoTracking().Where(p => p.RequestId == request.Id).OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        var quote = FeeQuote.For(row.Fees, row.Form, request.Answers, request.ApplicantKind, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var phone = await db.Users.Where(u => u.Id == userId).Select(u => u.PhoneNumber).SingleOrDefaultAsync(ct);
        return new PaymentPage(request, row.Title, quote, payments, gateways.Methods, null, phone);
    }
}

public sealed record PaymentPage(Request Request, string Title, FeeQuote Quote, IReadOnlyList<Payment> Payments, IReadOnlyList<PaymentMethod> Methods, string? ChosenMethod, string? TypedPhone)
{
    public Payment? Pending => Payments.FirstOrDefault(p => p.Status == PaymentStatus.Pending);

    public Payment? Paid => Payments.FirstOrDefault(p => p.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded && p.ReceiptNumber is not null);
}
