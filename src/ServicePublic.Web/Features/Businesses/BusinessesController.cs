using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Features.Accounts;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Businesses;

/// <summary>My businesses: register one, see its members, invite, remove a representative, leave.</summary>
[Authorize]
public sealed class BusinessesController(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    BusinessQueries queries,
    IAuthorizationService authorization,
    AccountMessages messages,
    PortalLinks links,
    AuditLog audit,
    TimeProvider clock) : Controller
{
    [HttpGet("/compte/entreprises")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : View(await queries.MyBusinessesAsync(user));
    }

    [HttpGet("/compte/entreprises/nouvelle")]
    public IActionResult Create() => View(new BusinessForm());

    [HttpPost("/compte/entreprises/nouvelle")]
    public async Task<IActionResult> Create(BusinessForm form)
    {
        if (!await this.ValidateFormAsync(form))
        {
            return View(form);
        }
        var (me, nif) = (Me, form.CleanNif);
        // A double click, or a retry after a slow answer, must not register the business twice.
        if (await queries.RepresentsNifAsync(me, nif))
        {
            this.AddError(nameof(BusinessForm.Nif), "Vous représentez déjà une entreprise avec ce NIF.");
            return View(form);
        }
        // The entry names the business by its id, known once saved: both in one transaction.
        var business = await audit.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var created = new Business(form.Name.Trim(), form.LegalForm, nif, form.CleanRccm, form.Address.Trim(), me, clock.GetUtcNow());
            db.Businesses.Add(created);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(AuditActions.BusinessCreated, Subject(created), ct: ct);
            return created;
        });
        TempData["Notice"] = "L'entreprise est enregistrée : vous en êtes le propriétaire.";
        return Redirect(BusinessPaths.Business(business.Id));
    }

    [HttpGet("/compte/entreprises/{id:int}")]
    public async Task<IActionResult> Details(int id)
    {
        var business = await FindMineAsync(id);
        return business is null ? NotFound() : await DetailsViewAsync(business, new InviteForm());
    }

    /// <summary>Sends an email to an address the user types: rate-limited like the other account messages.</summary>
    [HttpPost("/compte/entreprises/{id:int}/invitations")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    public async Task<IActionResult> Invite(int id, InviteForm form)
    {
        var business = await FindMineAsync(id);
        if (business is null)
        {
            return NotFound();
        }
        if (!await this.ValidateFormAsync(form))
        {
            return await DetailsViewAsync(business, form);
        }
        var email = form.Email.Trim();
        if (await queries.HasMemberWithEmailAsync(business, users.NormalizeEmail(email)))
        {
            this.AddError(nameof(InviteForm.Email), "Cette personne représente déjà l'entreprise.");
            return await DetailsViewAsync(business, form);
        }
        var inviter = await users.GetUserAsync(User);
        var token = InvitationTokens.New();
        var invitation = business.Invite(email, Me, InvitationTokens.Hash(token), clock.GetUtcNow());
        messages.Invitation(email, business.Name, inviter?.FullName ?? "", links.Absolute(BusinessPaths.AcceptInvitation(token)));
        // Saves the invitation and its email with the audit entry.
        await audit.RecordAsync(AuditActions.BusinessInvitationSent, Subject(business), $"invitation → {invitation.Email}");
        TempData["Notice"] = "L'invitation est envoyée ; elle est valable 7 jours.";
        return Redirect(BusinessPaths.Business(business.Id));
    }

    [HttpPost("/compte/entreprises/{id:int}/membres/{userId}/retirer")]
    public async Task<IActionResult> Remove(int id, string userId)
    {
        var business = await FindMineAsync(id);
        return business is null ? NotFound() : await RemoveAsync(business, userId, BusinessPaths.Business(business.Id), "Le représentant a été retiré de l'entreprise.");
    }

    [HttpPost("/compte/entreprises/{id:int}/quitter")]
    public async Task<IActionResult> Leave(int id)
    {
        var business = await FindMineAsync(id);
        // The acting-as cookie may still name this business: ActingContext checks membership on
        // every request, so it falls back to "myself" without being told.
        return business is null ? NotFound() : await RemoveAsync(business, Me, BusinessPaths.Mine, "Vous ne représentez plus cette entreprise.");
    }

    private string Me => users.GetUserId(User)!;

    /// <summary>The business when I belong to it, else null: callers answer 404 whether it exists or not.</summary>
    private async Task<Business?> FindMineAsync(int id)
    {
        var business = await queries.WithMembersAsync(id);
        return business is not null && (await authorization.AuthorizeAsync(User, business, Policies.BusinessMember)).Succeeded
            ? business
            : null;
    }

    private async Task<IActionResult> RemoveAsync(Business business, string memberId, string next, string notice)
    {
        try
        {
            business.Remove(memberId, Me);
        }
        catch (BusinessRuleException refused)
        {
            this.AddError("", refused.Message);
            return await DetailsViewAsync(business, new InviteForm());
        }
        await audit.RecordAsync(AuditActions.BusinessMemberRemoved, Subject(business), $"member {memberId}");
        TempData["Notice"] = notice;
        return Redirect(next);
    }

    private async Task<IActionResult> DetailsViewAsync(Business business, InviteForm invite) =>
        View("Details", await queries.BusinessPageAsync(business, Me, invite));

    private static string Subject(Business business) => business.Id.ToString(CultureInfo.InvariantCulture);

}
