using System.Linq.Expressions;
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
    /// Who may sign in with a phone alone (an SMS code): an open account whose phone is confirmed and
    /// whose email, if it has one, is confirmed too. A stranger can sign up with someone else's
    /// address and their own phone; until the address is proven, that phone opens nothing.
    /// Accounts without an email (basic phones) sign in by SMS as before. As an expression, so that
    /// the database query and the check in memory are one rule.
    /// </summary>
    public static readonly Expression<Func<ApplicationUser, bool>> SignsInByPhone =
        u => u.PhoneNumberConfirmed && u.ClosedAt == null && (u.Email == null || u.EmailConfirmed);

    private static readonly Func<ApplicationUser, bool> SignsInByPhoneCompiled = SignsInByPhone.Compile();

    public bool MaySignInByPhone => SignsInByPhoneCompiled(this);

    /// <summary>
    /// A password reset by the emailed link proves the mailbox. If the address was not proven
    /// before, whatever was set up meanwhile was set up by whoever typed it, perhaps a stranger
    /// (account pre-hijacking): the phone and the authenticator go, and the owner adds their own.
    /// True when something was removed.
    /// </summary>
    public bool ProveEmailByReset()
    {
        if (EmailConfirmed)
        {
            return false;
        }
        EmailConfirmed = true;
        var removed = PhoneNumber is not null || TwoFactorEnabled;
        PhoneNumber = null;
        PhoneNumberConfirmed = false;
        TwoFactorEnabled = false;
        return removed;
    }

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
