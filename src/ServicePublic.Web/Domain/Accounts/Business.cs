namespace ServicePublic.Web.Domain.Accounts;

/// <summary>A company or trader on whose behalf accounts file requests.</summary>
public sealed class Business
{
    public const int NameMaxLength = 200;
    public const int LegalFormMaxLength = 60;
    public const int NifMaxLength = 20;
    public const int RccmMaxLength = 40;
    public const int AddressMaxLength = 300;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string LegalForm { get; private set; } = "";
    public string Nif { get; private set; } = "";
    public string Rccm { get; private set; } = "";
    public string Address { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public List<BusinessMember> Members { get; private set; } = [];
    public List<BusinessInvitation> Invitations { get; private set; } = [];

    private Business()
    {
    }

    public Business(string name, string legalForm, string nif, string rccm, string address, string ownerId, DateTimeOffset now)
    {
        Name = name;
        LegalForm = legalForm;
        Nif = nif;
        Rccm = rccm;
        Address = address;
        CreatedAt = now;
        Members.Add(new BusinessMember(ownerId, BusinessRole.Owner, now));
    }

    public BusinessMember? MemberOf(string userId) => Members.FirstOrDefault(m => m.UserId == userId);

    public bool IsOwner(string userId) => MemberOf(userId)?.Role == BusinessRole.Owner;

    /// <summary>The only owner: without them the business would have no one to answer for it.</summary>
    public bool IsSoleOwner(string userId) => IsOwner(userId) && Members.Count(m => m.Role == BusinessRole.Owner) == 1;

    public const string SoleOwnerCannotCloseMessage = "Vous êtes le seul propriétaire d'une entreprise qui a d'autres représentants : transférez-la ou retirez-les d'abord.";

    /// <summary>
    /// Closing an account drops its memberships: refused while the user is the sole owner of a
    /// business others still represent (alone in it, the business simply goes with the account).
    /// </summary>
    public static void EnsureMayCloseAccount(IEnumerable<Business> businessesOfUser, string userId)
    {
        if (businessesOfUser.Any(b => b.IsSoleOwner(userId) && b.Members.Count > 1))
        {
            throw new BusinessRuleException(SoleOwnerCannotCloseMessage);
        }
    }

    public BusinessInvitation Invite(string email, string invitedById, string tokenHash, DateTimeOffset now)
    {
        if (MemberOf(invitedById) is null)
        {
            throw new BusinessRuleException("Seuls les membres de l'entreprise peuvent inviter un représentant.");
        }
        var invitation = new BusinessInvitation(email, invitedById, tokenHash, now);
        Invitations.Add(invitation);
        return invitation;
    }

    /// <summary>The account whose email the invitation was sent to joins as a representative.</summary>
    public void Accept(BusinessInvitation invitation, string userId, string? userEmail, DateTimeOffset now)
    {
        // An invitation of another business, or one sent to another address, is no ticket in.
        if (!Invitations.Contains(invitation) || !invitation.IsFor(userEmail))
        {
            throw new BusinessRuleException(BusinessInvitation.NotValidMessage);
        }
        invitation.MarkAccepted(userId, now);
        if (MemberOf(userId) is null)
        {
            Members.Add(new BusinessMember(userId, BusinessRole.Representative, now));
        }
    }

    /// <summary>An owner removes a representative; anyone but the last owner may leave.</summary>
    public void Remove(string memberId, string actorId)
    {
        var member = MemberOf(memberId) ?? throw new BusinessRuleException("Ce compte ne représente pas l'entreprise.");
        // Checked before the actor's role, so a representative who tries learns the real reason.
        if (member.Role == BusinessRole.Owner && memberId != actorId)
        {
            throw new BusinessRuleException("Un propriétaire ne peut pas être retiré par un autre membre.");
        }
        if (memberId != actorId && !IsOwner(actorId))
        {
            throw new BusinessRuleException("Seul un propriétaire peut retirer un représentant.");
        }
        if (IsSoleOwner(memberId))
        {
            throw new BusinessRuleException("Le dernier propriétaire ne peut pas quitter l'entreprise.");
        }
        Members.Remove(member);
    }
}

public enum BusinessRole
{
    Owner = 1,
    Representative = 2,
}

public sealed class BusinessMember
{
    public int BusinessId { get; private set; }
    public string UserId { get; private set; } = "";
    public BusinessRole Role { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }

    private BusinessMember()
    {
    }

    internal BusinessMember(string userId, BusinessRole role, DateTimeOffset now)
    {
        UserId = userId;
        Role = role;
        JoinedAt = now;
    }
}

/// <summary>An invitation sent by email; only the account with that email may accept it.</summary>
public sealed class BusinessInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>One answer for every invitation one may not use: it tells nothing about the business.</summary>
    public const string NotValidMessage = "Cette invitation n'est pas valable pour votre compte ou a expiré.";

    public int Id { get; private set; }
    public int BusinessId { get; private set; }
    public string Email { get; private set; } = "";
    public string InvitedById { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? AcceptedById { get; private set; }

    private BusinessInvitation()
    {
    }

    internal BusinessInvitation(string email, string invitedById, string tokenHash, DateTimeOffset now)
    {
        Email = email.Trim().ToLowerInvariant();
        InvitedById = invitedById;
        TokenHash = tokenHash;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public bool IsOpen(DateTimeOffset now) => AcceptedAt is null && now < ExpiresAt;

    /// <summary>Was this invitation sent to <paramref name="email"/> (case and spaces aside)?</summary>
    public bool IsFor(string? email) =>
        email is not null && string.Equals(Email, email.Trim().ToLowerInvariant(), StringComparison.Ordinal);

    internal void MarkAccepted(string userId, DateTimeOffset now)
    {
        if (!IsOpen(now))
        {
            throw new BusinessRuleException(NotValidMessage);
        }
        AcceptedAt = now;
        AcceptedById = userId;
    }
}
