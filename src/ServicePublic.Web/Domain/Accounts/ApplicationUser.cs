using Microsoft.AspNetCore.Identity;

namespace ServicePublic.Web.Domain.Accounts;

/// <summary>One account per person, for citizens, business representatives and staff alike.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int FullNameMaxLength = 200;
    public const int NationalIdMaxLength = 30;

    public string FullName { get; set; } = "";

    /// <summary>National identity number (NNI), optional.</summary>
    public string? NationalId { get; set; }

    public string PreferredLanguage { get; set; } = "fr-TG";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>For clerks (Agent) and supervisors: the ministry whose requests they work.</summary>
    public int? MinistryId { get; set; }

    /// <summary>For clerks: optionally one office of that ministry.</summary>
    public int? OfficeId { get; set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>
    /// Closing an account (Togo law 2019-014) erases what identifies the person and makes
    /// sign-in impossible; the row stays so that what they filed keeps an owner.
    /// </summary>
    public void Close(DateTimeOffset now)
    {
        ClosedAt = now;
        FullName = "Compte fermé";
        NationalId = null;
        UserName = $"ferme-{Id}";
        NormalizedUserName = UserName.ToUpperInvariant();
        Email = null;
        NormalizedEmail = null;
        EmailConfirmed = false;
        PhoneNumber = null;
        PhoneNumberConfirmed = false;
        PasswordHash = null;
        TwoFactorEnabled = false;
        LockoutEnabled = true;
        LockoutEnd = DateTimeOffset.MaxValue;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }
}
