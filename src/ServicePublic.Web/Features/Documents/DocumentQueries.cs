using System.Security.Claims;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Documents;

/// <summary>Reads issued documents: a request's, for those who may see it, and any by its verification code.</summary>
public sealed class DocumentQueries(AppDbContext db, RequestAccess access, StaffAccessRefusals refusals)
{
    /// <summary>
    /// The document the request delivered, for its applicant (and the businesses' members, and the
    /// staff who reach the request in the back office, with their second factor); null when there is
    /// none or <paramref name="user"/> may not see it.
    /// </summary>
    public async Task<IssuedDocument?> OfRequestAsync(string trackingNumber, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await (from r in db.Requests
                           join d in db.IssuedDocuments on r.Id equals d.RequestId
                           where r.TrackingNumber == trackingNumber
                           select new { RequestId = r.Id, Document = d, r.ProcedureVersion.Procedure.OfficeId })
            .AsNoTracking().SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        var allowed = await access.Mine().AnyAsync(r => r.Id == found.RequestId, ct)
            || await db.IsStaffOfRequestAsync(user, found.Document.MinistryId, found.OfficeId, ct);
        if (!allowed)
        {
            await refusals.RecordAsync(trackingNumber, "document délivré", ct);
            return null;
        }
        return found.Document;
    }

    /// <param name="code">Already normalized (<see cref="IssuedDocument.NormalizeCode"/>).</param>
    public Task<IssuedDocument?> ByVerificationCodeAsync(string code, CancellationToken ct) =>
        db.IssuedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.VerificationCode == code, ct);
}
