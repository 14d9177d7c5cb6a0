using System.Security.Claims;

namespace ServicePublic.Web.Features.Requests;

/// <summary>
/// Which requests an account may see: its own, and those of the businesses it belongs to.
/// Anything else is answered as if it did not exist (404), never 403 with details.
/// </summary>
public sealed class RequestAccess(AppDbContext db, IHttpContextAccessor http)
{
    private string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>Requests visible to the signed-in applicant (none for a visitor).</summary>
    public IQueryable<Request> Mine()
    {
        var userId = UserId;
        if (userId is null)
        {
            return db.Requests.Where(_ => false);
        }
        var businesses = db.BusinessMembers.Where(m => m.UserId == userId).Select(m => m.BusinessId);
        return db.Requests.Where(r => (r.BusinessId == null && r.ApplicantId == userId)
            || (r.BusinessId != null && businesses.Contains(r.BusinessId.Value)));
    }

    /// <summary>A request with what its page shows: its version (form, fees, title), events, documents and messages.</summary>
    public Task<Request?> FindByTrackingNumberAsync(string trackingNumber, CancellationToken ct) =>
        Mine().Include(r => r.ProcedureVersion).Include(r => r.Events).Include(r => r.Attachments).Include(r => r.Messages)
            .SingleOrDefaultAsync(r => r.TrackingNumber == trackingNumber, ct);

    public Task<Request?> FindDraftAsync(Guid id, CancellationToken ct) =>
        Mine().Include(r => r.ProcedureVersion).Include(r => r.Events).Include(r => r.Attachments)
            .SingleOrDefaultAsync(r => r.Id == id, ct);
}
