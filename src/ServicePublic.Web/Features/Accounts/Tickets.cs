using Microsoft.AspNetCore.DataProtection;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>
/// Short-lived, tamper-proof tickets carried in hidden fields between two steps of a journey
/// (e.g. "which account is confirming its phone"), without a server-side session.
/// </summary>
public sealed class Tickets(IDataProtectionProvider provider, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("ServicePublic.Accounts.Tickets").ToTimeLimitedDataProtector();

    public string Issue(string purpose, string value, TimeSpan lifetime) =>
        _protector.Protect(purpose + "|" + value, clock.GetUtcNow() + lifetime);

    /// <summary>The value, or null when the ticket is forged, expired or for another purpose.</summary>
    public string? Read(string purpose, string? ticket)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }
        try
        {
            var raw = _protector.Unprotect(ticket, out var expiration);
            return expiration > clock.GetUtcNow() && raw.StartsWith(purpose + "|", StringComparison.Ordinal) ? raw[(purpose.Length + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
