using System.Linq.Expressions;

namespace ServicePublic.Web.Features.Businesses;

public sealed record BusinessRow(int Id, string Name, string LegalForm, string Nif, string Rccm, BusinessRole Role);

public sealed record PendingInvitation(int Id, int BusinessId, string BusinessName, DateTimeOffset ExpiresAt);

public sealed record BusinessesPage(IReadOnlyList<BusinessRow> Businesses, IReadOnlyList<PendingInvitation> Invitations);

public sealed record MemberRow(string UserId, string FullName, string? Email, BusinessRole Role);

public sealed record OpenInvitation(string Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>One business as its members see it; <see cref="Invite"/> is the invite form, as typed.</summary>
public sealed record BusinessPage(Business Business, IReadOnlyList<MemberRow> Members, IReadOnlyList<OpenInvitation> Invitations, BusinessRole MyRole, InviteForm Invite);

/// <summary>What the businesses and invitation pages read.</summary>
public sealed class BusinessQueries(AppDbContext db, TimeProvider clock)
{
    public async Task<BusinessesPage> MyBusinessesAsync(ApplicationUser me)
    {
        var now = clock.GetUtcNow();
        var businesses = await db.BusinessMembers.Where(m => m.UserId == me.Id)
            .Join(db.Businesses, m => m.BusinessId, b => b.Id, (m, b) => new { Business = b, m.Role })
            .OrderBy(x => x.Business.Name)
            .Select(x => new BusinessRow(x.Business.Id, x.Business.Name, x.Business.LegalForm, x.Business.Nif, x.Business.Rccm, x.Role))
            .ToListAsync();
        // Only for a confirmed address: an account that merely typed someone's email (and
        // confirmed its phone) must not see, nor accept, the invitations sent to that person.
        if (!me.EmailConfirmed || me.Email is null)
        {
            return new BusinessesPage(businesses, []);
        }
        var email = me.Email.Trim().ToLowerInvariant();
        var invitations = await db.BusinessInvitations
            .Where(i => i.Email == email && i.AcceptedAt == null && i.ExpiresAt > now)
            .Where(i => !db.BusinessMembers.Any(m => m.BusinessId == i.BusinessId && m.UserId == me.Id))
            .Join(db.Businesses, i => i.BusinessId, b => b.Id, (i, b) => new { i.Id, i.BusinessId, b.Name, i.ExpiresAt, i.CreatedAt })
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync();
        // Invited twice to the same business: the newest invitation is enough.
        return new BusinessesPage(businesses, [.. invitations.DistinctBy(i => i.BusinessId).Select(i => new PendingInvitation(i.Id, i.BusinessId, i.Name, i.ExpiresAt))]);
    }

    public async Task<BusinessPage> BusinessPageAsync(Business business, string myId, InviteForm invite)
    {
        var now = clock.GetUtcNow();
        var ids = business.Members.Select(m => m.UserId).ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.FullName, u.Email })
            .ToDictionaryAsync(u => u.Id);
        var members = business.Members
            .Select(m => new MemberRow(m.UserId, people[m.UserId].FullName, people[m.UserId].Email, m.Role))
            .OrderBy(m => m.Role).ThenBy(m => m.FullName, StringComparer.CurrentCulture)
            .ToList();
        var invitations = await db.BusinessInvitations
            .Where(i => i.BusinessId == business.Id && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new OpenInvitation(i.Email, i.CreatedAt, i.ExpiresAt))
            .ToListAsync();
        return new BusinessPage(business, members, invitations, business.MemberOf(myId)!.Role, invite);
    }

    /// <summary>Is one of the business's members the account with this email?</summary>
    public Task<bool> HasMemberWithEmailAsync(Business business, string normalizedEmail)
    {
        var ids = business.Members.Select(m => m.UserId).ToList();
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail && ids.Contains(u.Id));
    }

    /// <summary>Do I already represent a business with this NIF?</summary>
    public Task<bool> RepresentsNifAsync(string userId, string nif) =>
        db.Businesses.AnyAsync(b => b.Nif == nif && b.Members.Any(m => m.UserId == userId));

    /// <summary>The business with its members, tracked (for removing one), whoever asks.</summary>
    public Task<Business?> WithMembersAsync(int id) =>
        db.Businesses.Include(b => b.Members).SingleOrDefaultAsync(b => b.Id == id);

    /// <summary>The invitation that matches, tracked (for accepting it).</summary>
    public Task<BusinessInvitation?> InvitationAsync(Expression<Func<BusinessInvitation, bool>> which) =>
        db.BusinessInvitations.SingleOrDefaultAsync(which);

    /// <summary>The business of an invitation, tracked, with its members and that invitation.</summary>
    public Task<Business> OfInvitationAsync(BusinessInvitation invitation) =>
        db.Businesses
            .Include(b => b.Members)
            .Include(b => b.Invitations.Where(i => i.Id == invitation.Id))
            .AsSplitQuery()
            .SingleAsync(b => b.Id == invitation.BusinessId);

    /// <summary>The full name of the account that sent an invitation, or null when it is gone.</summary>
    public Task<string?> InviterNameAsync(BusinessInvitation invitation) =>
        db.Users.Where(u => u.Id == invitation.InvitedById).Select(u => u.FullName).SingleOrDefaultAsync();
}
