using ServicePublic.Web.Data.Configurations;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Features.Payments;

namespace ServicePublic.Web.Features.Documents;

/// <summary>Issues the document an approved request delivers, from its procedure's template.</summary>
public sealed class IssuedDocuments(AppDbContext db, DocumentSigner signer, TimeProvider clock)
{
    /// <summary>
    /// Adds the request's document to the context, signed, and returns it; the caller saves, in the
    /// same SaveChanges as the approval, so there is never an approval without its document nor the
    /// reverse. Idempotent: a request that already has its document gets that one back (a unique
    /// index on the request also holds if two approvals raced).
    /// </summary>
    public async Task<IssuedDocument> IssueAsync(Request request, string clerkId, CancellationToken ct)
    {
        if (request.Status != RequestStatus.Approved)
        {
            throw new InvalidOperationException($"Request {request.TrackingNumber} is {request.Status}: only an approved request gets its document.");
        }
        var existing = db.IssuedDocuments.Local.FirstOrDefault(d => d.RequestId == request.Id)
            ?? await db.IssuedDocuments.FirstOrDefaultAsync(d => d.RequestId == request.Id, ct);
        if (existing is not null)
        {
            return existing;
        }

        // The version with its ministry and office, by the request's key: the request is in hand, no need to read it again.
        var version = await db.ProcedureVersions.AsNoTracking()
            .Include(v => v.Procedure).ThenInclude(p => p.Ministry)
            .Include(v => v.Procedure).ThenInclude(p => p.Office)
            .SingleAsync(v => v.Id == request.ProcedureVersionId, ct);
        var (holder, reference) = await HolderAsync(request, ct);
        var now = clock.GetUtcNow();
        var ministry = version.Procedure.Ministry;
        var content = new DocumentContent(
            DocumentTemplates.TitleFor(version.Title),
            holder,
            reference,
            DocumentTemplates.ValidUntil(version.Validity, DateOnly.FromDateTime(now.UtcDateTime)),
            version.Conditions,
            ministry.Id,
            ministry.Name,
            version.Procedure.Office?.Name);
        var document = IssuedDocument.Issue(request.Id, IssuedDocument.FormatNumber(ministry.Code, now.Year, await NextNumberAsync(ct)), content, clerkId, now);
        document.Seal(signer.Sign(Claims(document)));
        db.IssuedDocuments.Add(document);
        return document;
    }

    /// <summary>What the QR code states about <paramref name="document"/>; verification compares a payload with it.</summary>
    public static DocumentClaims Claims(IssuedDocument document) => new(
        document.Number,
        document.VerificationCode,
        document.Kind,
        ReceiptsController.Mask(document.HolderName),
        DateOnly.FromDateTime(document.IssuedAt.UtcDateTime),
        document.ValidUntil);

    private async Task<(string Name, string? Reference)> HolderAsync(Request request, CancellationToken ct)
    {
        if (request.BusinessId is { } businessId)
        {
            var business = await db.Businesses.AsNoTracking().Where(b => b.Id == businessId).Select(b => new { b.Name, b.Nif }).SingleAsync(ct);
            return (business.Name, string.IsNullOrWhiteSpace(business.Nif) ? null : business.Nif);
        }
        var name = await db.Users.Where(u => u.Id == request.ApplicantId).Select(u => u.FullName).SingleAsync(ct);
        return (name, null);
    }

    private Task<long> NextNumberAsync(CancellationToken ct) => db.Database
        .SqlQueryRaw<long>($"SELECT nextval('{IssuedDocumentConfiguration.NumberSequence}') AS \"Value\"")
        .SingleAsync(ct);
}
