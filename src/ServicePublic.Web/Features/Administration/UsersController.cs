using Microsoft.AspNetCore.Identity;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Administration;

/// <summary>Administrators find accounts and set their roles, ministry and office.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class UsersController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AppDbContext db,
    UserDirectory directory,
    AuditLog audit) : Controller
{
    [HttpGet(AdministrationPaths.Home)]
    public IActionResult Home() => Redirect(AdministrationPaths.Users);

    [HttpGet(AdministrationPaths.Users)]
    public async Task<IActionResult> Index(string? q, string? page, CancellationToken ct) =>
        View("Users", await directory.SearchAsync(q, int.TryParse(page, out var p) ? p : 1, ct));

    [HttpGet("/admin/utilisateurs/{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var form = UserRolesForm.From(await users.GetRolesAsync(user), user.MinistryId, user.OfficeId);
        return View(await EditModelAsync(user, form, ct));
    }

    [HttpPost("/admin/utilisateurs/{id}")]
    public async Task<IActionResult> Edit(string id, UserRolesForm form, CancellationToken ct)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var ministries = await directory.MinistriesAsync(ct);
        await this.ValidateFormAsync(form);
        CheckAgainst(ministries, user, form);
        if (!ModelState.IsValid)
        {
            return View(await EditModelAsync(user, form, ct));
        }

        var before = Describe(await users.GetRolesAsync(user), user.MinistryId, user.OfficeId, ministries);
        var after = Describe(form.SelectedRoles, form.EffectiveMinistryId, form.EffectiveOfficeId, ministries);
        if (before == after)
        {
            TempData["Notice"] = "Aucune modification.";
            return Redirect(AdministrationPaths.User(user.Id));
        }
        await SaveAsync(user.Id, form, $"{before} -> {after}", ct);
        if (user.Id == users.GetUserId(User))
        {
            // The new security stamp would sign this very session out; keep it, with its second factor.
            await signIn.RefreshSignInAsync((await users.FindByIdAsync(user.Id))!);
        }
        TempData["Notice"] = "Rôles enregistrés. Les sessions ouvertes de ce compte sont fermées : la personne se reconnectera avec ses nouveaux droits.";
        return Redirect(AdministrationPaths.User(user.Id));
    }

    /// <summary>What needs the database: the ministry exists, the office is one of its own, an administrator keeps their role.</summary>
    private void CheckAgainst(IReadOnlyList<MinistryChoice> ministries, ApplicationUser user, UserRolesForm form)
    {
        var ministry = ministries.FirstOrDefault(m => m.Id == form.EffectiveMinistryId);
        if (form.EffectiveMinistryId is not null && ministry is null)
        {
            this.AddError(nameof(UserRolesForm.MinistryId), "Ce ministère n'existe pas.");
        }
        if (form.EffectiveOfficeId is { } officeId && ministry?.Offices.Any(o => o.Id == officeId) != true)
        {
            this.AddError(nameof(UserRolesForm.OfficeId), "Ce bureau ne relève pas du ministère choisi.");
        }
        if (user.Id == users.GetUserId(User) && !form.Administrator)
        {
            this.AddError(nameof(UserRolesForm.Administrator), "Vous ne pouvez pas retirer votre propre rôle d'administrateur.");
        }
    }

    /// <summary>Roles, ministry, new security stamp and audit entry: all or nothing.</summary>
    private async Task SaveAsync(string userId, UserRolesForm form, string details, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var user = (await users.FindByIdAsync(userId))!;
            var current = await users.GetRolesAsync(user);
            Check(await users.RemoveFromRolesAsync(user, current.Except(form.SelectedRoles)));
            Check(await users.AddToRolesAsync(user, form.SelectedRoles.Except(current)));
            user.MinistryId = form.EffectiveMinistryId;
            user.OfficeId = form.EffectiveOfficeId;
            Check(await users.UpdateAsync(user));
            // Sessions opened with the old roles are refused from their next request on.
            Check(await users.UpdateSecurityStampAsync(user));
            await audit.RecordAsync(AuditActions.RolesChanged, user.Id, details, ct: ct);
            await transaction.CommitAsync(ct);
        });
    }

    private async Task<ApplicationUser?> FindAsync(string id)
    {
        var user = id.Length <= 450 ? await users.FindByIdAsync(id) : null;
        return user is null || user.IsClosed ? null : user;
    }

    private async Task<UserEditModel> EditModelAsync(ApplicationUser user, UserRolesForm form, CancellationToken ct) =>
        new(user, form, await directory.MinistriesAsync(ct), user.Id == users.GetUserId(User));

    /// <summary>"roles: Agent, Citizen; ministry: MDERM; office: DGMG", for the audit trail.</summary>
    private static string Describe(IEnumerable<string> roles, int? ministryId, int? officeId, IReadOnlyList<MinistryChoice> ministries)
    {
        var ministry = ministries.FirstOrDefault(m => m.Id == ministryId);
        var office = ministry?.Offices.FirstOrDefault(o => o.Id == officeId);
        var names = roles.OrderBy(r => Array.IndexOf(Roles.All, r)).ToList();
        return $"roles: {(names.Count == 0 ? "-" : string.Join(", ", names))}; ministry: {ministry?.Code ?? "-"}; office: {office?.Code ?? "-"}";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Role change failed ({string.Join(", ", result.Errors.Select(e => e.Code))})");
        }
    }
}

public sealed record UserEditModel(ApplicationUser User, UserRolesForm Form, IReadOnlyList<MinistryChoice> Ministries, bool IsSelf);
