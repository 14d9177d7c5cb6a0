using System.Linq.Expressions;
using System.Security.Claims;
using ServicePublic.Web.Features.Accounts;

namespace ServicePublic.Web.Features.Shared;

/// <summary>Whether a signed-in user works for a ministry: its clerks and supervisors, and every administrator.</summary>
public static class StaffMembership
{
    public static Task<bool> IsStaffOfAsync(this AppDbContext db, ClaimsPrincipal user, int ministryId, CancellationToken ct) =>
        db.IsStaffAsync(user, u => u.MinistryId == ministryId, ct);

    /// <summary>
    /// Whether a signed-in user may open, as staff, what a request of this ministry and office
    /// produced (its receipts, its document): the reach of the back office (/agent). Signed in with
    /// the second factor; an administrator, or a clerk or supervisor of the ministry who belongs to
    /// that office or to none (the whole ministry).
    /// </summary>
    public static async Task<bool> IsStaffOfRequestAsync(this AppDbContext db, ClaimsPrincipal user, int ministryId, int? officeId, CancellationToken ct) =>
        user.HasSecondFactor() && await db.IsStaffAsync(user, u => u.MinistryId == ministryId && (u.OfficeId == null || u.OfficeId == officeId), ct);

    /// <summary>Every administrator; otherwise a member of staff whose account row matches <paramref name="place"/>.</summary>
    private static async Task<bool> IsStaffAsync(this AppDbContext db, ClaimsPrincipal user, Expression<Func<ApplicationUser, bool>> place, CancellationToken ct)
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
        return await db.Users.Where(u => u.Id == userId).AnyAsync(place, ct);
    }
}
