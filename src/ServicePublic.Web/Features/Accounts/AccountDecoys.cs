using Microsoft.AspNetCore.Identity;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>
/// What the account forms do where the answer must not tell whether an account exists (an unknown
/// address, one already taken, a locked account): spend the time a real answer takes, and hand out
/// an SMS code that looks and works like a real one on the next page (one without an account).
/// </summary>
internal static class AccountDecoys
{
    private const string TicketPrefix = "decoy:";
    private static string? _dummyHash;

    /// <summary>Checks <paramref name="password"/> against a hash of nothing: as long as checking a real one.</summary>
    public static void SpendPasswordCheckTime(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        _dummyHash ??= hasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(new ApplicationUser(), _dummyHash, password);
    }

    /// <summary>What a sign-up ticket carries instead of an account id: the number typed, whose code has no account.</summary>
    public static string TicketValue(string phone) => TicketPrefix + phone;

    /// <summary>The number of a decoy ticket's value; null for a real account's.</summary>
    public static string? PhoneOf(string? ticketValue) =>
        ticketValue?.StartsWith(TicketPrefix, StringComparison.Ordinal) == true ? ticketValue[TicketPrefix.Length..] : null;
}
