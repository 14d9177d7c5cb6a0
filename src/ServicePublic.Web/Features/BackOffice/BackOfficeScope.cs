using System.Security.Claims;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>The signed-in staff member and the requests it may work on.</summary>
public sealed record Clerk(string Id, string FullName, int? MinistryId, int? OfficeId, bool IsSupervisor);

/// <summary>
/// Which requests a clerk sees: those filed (not drafts) under its ministry's procedures, and
/// its office's when it has one. Anything else answers 404, as if it did not exist.
/// </summary>
public sealed class BackOfficeScope(AppDbContext db, IHttpContextAccessor http)
{
    public async Task<Clerk?> ClerkAsync(CancellationToken ct)
    {
        var principal = http.HttpContext?.User;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.FullName, u.MinistryId, u.OfficeId }).SingleOrDefaultAsync(ct);
        return user is null ? null : new Clerk(id, user.FullName, user.MinistryId, user.OfficeId,
            principal!.IsInRole(Roles.Supervisor) || principal.IsInRole(Roles.Administrator));
    }

    public IQueryable<Request> Requests(Clerk clerk)
    {
        var ministry = clerk.MinistryId ?? -1;
        return db.Requests.Where(r => r.Status != RequestStatus.Draft && r.ProcedureVersion.Procedure.MinistryId == ministry
            && (clerk.OfficeId == null || r.ProcedureVersion.Procedure.OfficeId == clerk.OfficeId));
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
