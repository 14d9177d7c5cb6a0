using System.Security.Claims;
using ServicePublic.Web.Domain.Documents;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>Reads the document a supervisor may revoke (one of their ministry's; an administrator, any) and its page.</summary>
public sealed class RevocationQueries(AppDbContext db)
{
    /// <summary>Tracked, for the caller to revoke; null when there is no such document or <paramref name="user"/> is not its ministry's staff.</summary>
    public async Task<IssuedDocument?> FindAsync(string number, ClaimsPrincipal user, CancellationToken ct)
    {
        if (number.Length > IssuedDocument.NumberMaxLength)
        {
            return null;
        }
        var document = await db.IssuedDocuments.SingleOrDefaultAsync(d => d.Number == number, ct);
        return document is not null && await db.IsStaffOfAsync(user, document.MinistryId, ct) ? document : null;
    }

    public async Task<RevocationPage> PageAsync(IssuedDocument document, string? reason, CancellationToken ct)
    {
        var trackingNumber = await db.Requests.Where(r => r.Id == document.RequestId).Select(r => r.TrackingNumber!).SingleAsync(ct);
        return new RevocationPage(document, trackingNumber, reason);
    }
}

public sealed record RevocationPage(IssuedDocument Document, string TrackingNumber, string? Reason);
