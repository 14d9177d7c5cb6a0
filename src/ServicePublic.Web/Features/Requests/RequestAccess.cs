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

    /// <summary>
    /// The same requests as <see cref="Mine"/>, as the UNION ALL of its two halves (own requests
    /// through ix_requests_applicant_id, the businesses' through the memberships and
    /// ix_requests_business_id), with the columns a list needs: the OR of <see cref="Mine"/> makes
    /// PostgreSQL read every request of every business to filter them.
    /// </summary>
    public IQueryable<ListedRequest> MineListed()
    {
        var userId = UserId;
        if (userId is null)
        {
            return db.Requests.Where(_ => false).Select(Listed);
        }
        var own = db.Requests.Where(r => r.BusinessId == null && r.ApplicantId == userId);
        var ofMyBusinesses = from r in db.Requests
                             join m in db.BusinessMembers on r.BusinessId equals m.BusinessId
                             where m.UserId == userId
                             select r;
        return own.Select(Listed).Concat(ofMyBusinesses.Select(Listed));
    }

    private static readonly System.Linq.Expressions.Expression<Func<Request, ListedRequest>> Listed = r => new ListedRequest
    {
        Id = r.Id, TrackingNumber = r.TrackingNumber, ProcedureVersionId = r.ProcedureVersionId, BusinessId = r.BusinessId, Status = r.Status, UpdatedAt = r.UpdatedAt,
    };

    /// <summary>
    /// A request with what its page shows: its version (form, fees, title), events, documents and
    /// messages. One query per collection: joined, every event came once per file and message,
    /// each row carrying the version's form, documents and fees.
    /// </summary>
    public Task<Request?> FindByTrackingNumberAsync(string trackingNumber, CancellationToken ct) =>
        Mine().Include(r => r.ProcedureVersion).Include(r => r.Events).Include(r => r.Attachments).Include(r => r.Messages).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.TrackingNumber == trackingNumber, ct);

    public Task<Request?> FindDraftAsync(Guid id, CancellationToken ct) =>
        Mine().Include(r => r.ProcedureVersion).Include(r => r.Events).Include(r => r.Attachments).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, ct);
}

/// <summary>A request as lists read it, before the procedure's title and the business's name are added.</summary>
public sealed class ListedRequest
{
    public Guid Id { get; init; }
    public string? TrackingNumber { get; init; }
    public int ProcedureVersionId { get; init; }
    public int? BusinessId { get; init; }
    public RequestStatus Status { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
