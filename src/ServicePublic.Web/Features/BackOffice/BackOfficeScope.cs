using System.Security.Claims;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>
/// The signed-in staff member and the part of the administration it looks at: its ministry (for an
/// administrator, the one it chose with ?ministere=CODE), narrowed to one office by its own office
/// or by ?bureau=CODE. <see cref="NoSuchPlace"/>: the address names a ministry or office that does not
/// exist for this clerk (pages answer 404).
/// </summary>
public sealed record Clerk(string Id, string FullName, int? MinistryId, int? OfficeId, bool IsSupervisor, bool IsAdministrator = false)
{
    public bool NoSuchPlace { get; init; }
}

/// <summary>
/// Which requests a clerk sees: those filed (not drafts) under its ministry's procedures, and
/// its office's when it has one. Anything else answers 404, as if it did not exist.
/// </summary>
public sealed class BackOfficeScope(AppDbContext db, IHttpContextAccessor http)
{
    public const string MinistryParameter = "ministere";
    public const string OfficeParameter = "bureau";

    public async Task<Clerk?> ClerkAsync(CancellationToken ct)
    {
        var context = http.HttpContext;
        var principal = context?.User;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.FullName, u.MinistryId, u.OfficeId }).SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var isAdministrator = principal!.IsInRole(Roles.Administrator);
        var clerk = new Clerk(id, user.FullName, user.MinistryId, user.OfficeId, isAdministrator || principal.IsInRole(Roles.Supervisor), isAdministrator);
        return await PlaceAsync(clerk, Asked(context!, MinistryParameter), Asked(context!, OfficeParameter), ct);
    }

    /// <summary>
    /// An administrator acts on any ministry, so it may choose one; everyone else stays on its own,
    /// whatever the address says. A clerk of the whole ministry may narrow to one of its offices.
    /// </summary>
    private async Task<Clerk> PlaceAsync(Clerk clerk, string? ministryCode, string? officeCode, CancellationToken ct)
    {
        if (clerk.IsAdministrator && ministryCode is not null)
        {
            var chosen = await db.Ministries.Where(m => m.Code == ministryCode).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct);
            clerk = chosen is null ? NowhereFor(clerk) : clerk with { MinistryId = chosen, OfficeId = null };
        }
        if (officeCode is not null && clerk.OfficeId is null && !clerk.NoSuchPlace)
        {
            var office = await db.Offices.Where(o => o.MinistryId == clerk.MinistryId && o.Code == officeCode).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
            clerk = office is null ? NowhereFor(clerk) : clerk with { OfficeId = office };
        }
        return clerk;
    }

    private static Clerk NowhereFor(Clerk clerk) => clerk with { MinistryId = null, OfficeId = null, NoSuchPlace = true };

    private static string? Asked(HttpContext context, string name) =>
        context.Request.Query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public IQueryable<Request> Requests(Clerk clerk)
    {
        var ministry = clerk.MinistryId ?? -1;
        return db.Requests.Where(r => r.Status != RequestStatus.Draft && r.ProcedureVersion.Procedure.MinistryId == ministry
            && (clerk.OfficeId == null || r.ProcedureVersion.Procedure.OfficeId == clerk.OfficeId));
    }

    /// <summary>
    /// How many of <see cref="Requests"/> are in each status, from the counts the database keeps as
    /// requests change (Data/Migrations/RequestStatusCountsSql.cs): a few rows per procedure, where
    /// counting the requests themselves read every one of the place's (300 000 for a large ministry).
    /// </summary>
    public async Task<Dictionary<RequestStatus, int>> CountsAsync(Clerk clerk, CancellationToken ct)
    {
        var ministry = clerk.MinistryId ?? -1;
        var office = clerk.OfficeId ?? -1;
        var anyOffice = clerk.OfficeId is null;
        var rows = await db.Database.SqlQuery<StatusCount>($"""
            SELECT c.status AS "Status", sum(c.requests)::integer AS "Count"
            FROM request_status_counts_now c
            JOIN procedure_versions v ON v.id = c.procedure_version_id
            JOIN procedures p ON p.id = v.procedure_id
            WHERE c.status <> 'Draft' AND p.ministry_id = {ministry} AND ({anyOffice} OR p.office_id = {office})
            GROUP BY c.status
            """).ToListAsync(ct);
        return rows.Where(r => r.Count != 0).ToDictionary(r => Enum.Parse<RequestStatus>(r.Status), r => r.Count);
    }

    private sealed record StatusCount(string Status, int Count);

    /// <summary>
    /// The clerk as it works on the request with this tracking number. An administrator acts on any
    /// ministry: on a request outside the ministry it looks at, it works as a member of the
    /// request's ministry (whose clerks it may then assign); anyone else is unchanged.
    /// </summary>
    public async Task<Clerk> ForCaseAsync(Clerk clerk, string trackingNumber, CancellationToken ct)
    {
        if (!clerk.IsAdministrator || await Requests(clerk).AnyAsync(r => r.TrackingNumber == trackingNumber, ct))
        {
            return clerk;
        }
        var ministry = await db.Requests.Where(r => r.TrackingNumber == trackingNumber && r.Status != RequestStatus.Draft)
            .Select(r => (int?)r.ProcedureVersion.Procedure.MinistryId).SingleOrDefaultAsync(ct);
        return ministry is null ? clerk : clerk with { MinistryId = ministry, OfficeId = null, NoSuchPlace = false };
    }

    /// <summary>The clerks of the same ministry a supervisor may assign to.</summary>
    public async Task<List<(string Id, string Name)>> ColleaguesAsync(Clerk clerk, CancellationToken ct)
    {
        var staff = await db.Users.AsNoTracking()
            .Where(u => u.MinistryId == clerk.MinistryId && u.ClosedAt == null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Agent || r.Name == Roles.Supervisor))))
            .OrderBy(u => u.FullName).Select(u => new { u.Id, u.FullName }).ToListAsync(ct);
        return [.. staff.Select(s => (s.Id, s.FullName))];
    }
}
