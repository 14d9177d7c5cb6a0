using System.Security.Claims;

namespace ServicePublic.Web.Features.Shared;

/// <summary>Whether a signed-in user works for a ministry: its clerks and supervisors, and every administrator.</summary>
public static class StaffMembership
{
    public static async Task<bool> IsStaffOfAsync(this AppDbContext db, ClaimsPrincipal user, int ministryId, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return true;
        }
        if (!Roles.Staff.Any(user.IsInRole))
        {
            return false;
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.Users.AnyAsync(u => u.Id == userId && u.MinistryId == ministryId, ct);
    }

    /// <summary>
    /// Whether a signed-in user may open, as staff, what a request of this ministry and office
    /// produced (its receipts, its document): the reach of the back office (/agent). Signed in with
    /// the second factor; an administrator, or a clerk or supervisor of the ministry who belongs to
    /// that office or to none (the whole ministry).
    /// </summary>
    public static async Task<bool> IsStaffOfRequestAsync(this AppDbContext db, ClaimsPrincipal user, int ministryId, int? officeId, CancellationToken ct)
    {
        if (!user.HasClaim("amr", "mfa"))
        {
            return false;
        }
        if (user.IsInRole(Roles.Administrator))
        {
            return true;
        }
        if (!Roles.Staff.Any(user.IsInRole))
        {
            return false;
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.Users.AnyAsync(u => u.Id == userId && u.MinistryId == ministryId && (u.OfficeId == null || u.OfficeId == officeId), ct);
    }
}
