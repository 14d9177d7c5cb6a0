using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>The clerks' area. For now it says who you work for; the request queue comes with the back office.</summary>
[Authorize(Policy = Policies.BackOffice)]
public sealed class AgentController(UserManager<ApplicationUser> users, AppDbContext db) : Controller
{
    [HttpGet("/agent")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var ministry = await db.Ministries.AsNoTracking().Where(m => m.Id == user.MinistryId)
            .Select(m => m.Name).FirstOrDefaultAsync(ct);
        var office = await db.Offices.AsNoTracking().Where(o => o.Id == user.OfficeId)
            .Select(o => o.Name).FirstOrDefaultAsync(ct);
        return View(new AgentHome(user.FullName, ministry, office));
    }
}

public sealed record AgentHome(string FullName, string? Ministry, string? Office);
