using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Businesses;

/// <summary>
/// An invitation, opened from the emailed link (?jeton=) or from "Mes entreprises", and its
/// acceptance. Whatever makes it unusable for me (unknown, expired, used, sent to someone else),
/// the answer is the same 404 and names no business.
/// </summary>
[Authorize]
public sealed class BusinessInvitationsController(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    BusinessQueries queries,
    AuditLog audit,
    TimeProvider clock) : Controller
{
    private sealed record Found(ApplicationUser User, Business Business, BusinessInvitation Invitation);

    [HttpGet("/compte/entreprises/invitation")]
    public async Task<IActionResult> ByToken(string? jeton) => await ShowAsync(await FindByTokenAsync(jeton));

    [HttpPost("/compte/entreprises/invitation")]
    public async Task<IActionResult> AcceptByToken(string? jeton) => await AcceptAsync(await FindByTokenAsync(jeton));

    /// <summary>The link of "Mes entreprises", which has no token: my confirmed email is the proof.</summary>
    [HttpGet("/compte/entreprises/invitations/{invitationId:int}")]
    public async Task<IActionResult> ById(int invitationId) => await ShowAsync(await FindForMeAsync(i => i.Id == invitationId, emailMustBeConfirmed: true));

    [HttpPost("/compte/entreprises/invitations/{invitationId:int}")]
    public async Task<IActionResult> AcceptById(int invitationId) => await AcceptAsync(await FindForMeAsync(i => i.Id == invitationId, emailMustBeConfirmed: true));

    private async Task<IActionResult> ShowAsync(Found? found)
    {
        if (found is null)
        {
            return Invalid();
        }
        var (user, business, invitation) = found;
        if (business.MemberOf(user.Id) is not null)
        {
            return Redirect(BusinessPaths.Business(business.Id));
        }
        if (!invitation.IsOpen(clock.GetUtcNow()))
        {
            return Invalid();
        }
        var inviter = await queries.InviterNameAsync(invitation);
        return View("Invitation", new InvitationModel(business.Name, business.LegalForm, business.Nif, inviter ?? "", invitation.ExpiresAt));
    }

    private async Task<IActionResult> AcceptAsync(Found? found)
    {
        var now = clock.GetUtcNow();
        if (found is null || !found.Invitation.IsOpen(now))
        {
            // A second click after the invitation was used takes me to the business, not to an error.
            return found is not null && found.Business.MemberOf(found.User.Id) is not null ? Redirect(BusinessPaths.Business(found.Business.Id)) : Invalid();
        }
        var (user, business, invitation) = found;
        var joins = business.MemberOf(user.Id) is null;
        business.Accept(invitation, user.Id, user.Email, now);
        try
        {
            if (joins)
            {
                await audit.RecordAsync(AuditActions.BusinessMemberAdded, business.Id.ToString(CultureInfo.InvariantCulture), $"member {user.Id}");
                TempData["Notice"] = "Vous représentez désormais cette entreprise.";
            }
            else
            {
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two clicks raced: the other request has just made me a member.
        }
        return Redirect(BusinessPaths.Business(business.Id));
    }

    private Task<Found?> FindByTokenAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return Task.FromResult<Found?>(null);
        }
        var hash = InvitationTokens.Hash(token.Trim());
        // Holding the emailed token proves access to the mailbox, confirmed or not.
        return FindForMeAsync(i => i.TokenHash == hash, emailMustBeConfirmed: false);
    }

    /// <summary>The invitation, when it was sent to my email; null for anything else.</summary>
    private async Task<Found?> FindForMeAsync(Expression<Func<BusinessInvitation, bool>> which, bool emailMustBeConfirmed)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || (emailMustBeConfirmed && !user.EmailConfirmed))
        {
            return null;
        }
        var invitation = await queries.InvitationAsync(which);
        if (invitation is null || !invitation.IsFor(user.Email))
        {
            return null;
        }
        var business = await queries.OfInvitationAsync(invitation);
        return new Found(user, business, invitation);
    }

    /// <summary>A 404, as for any address naming what is not mine, with a page that says what to check.</summary>
    private ViewResult Invalid()
    {
        var page = View("Invalid");
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

}

public sealed record InvitationModel(string BusinessName, string LegalForm, string Nif, string InviterName, DateTimeOffset ExpiresAt);
