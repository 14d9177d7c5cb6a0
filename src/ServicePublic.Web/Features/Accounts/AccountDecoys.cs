using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>
/// What the account forms do where the answer must not tell whether an account exists (an unknown
/// address, one already taken, a locked account): spend the time a real answer takes, and hand out
/// an SMS code that looks and works like a real one on the next page.
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

    /// <summary>Six digits, as Identity's phone codes are.</summary>
    public static string NewSmsCode() => RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>What a ticket carries instead of an account id; the ticket's encryption keeps the code secret.</summary>
    public static string TicketValue(string code) => TicketPrefix + code;

    public static bool IsDecoy(string? ticketValue) => ticketValue?.StartsWith(TicketPrefix, StringComparison.Ordinal) == true;

    /// <summary>True when the ticket is a decoy's and <paramref name="typed"/> is its code.</summary>
    public static bool CodeMatches(string? ticketValue, string typed) =>
        IsDecoy(ticketValue) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(ticketValue![TicketPrefix.Length..]), Encoding.ASCII.GetBytes(typed));
}
