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
}
