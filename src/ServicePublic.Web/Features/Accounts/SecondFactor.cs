using System.Security.Claims;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>The claim a sign-in completed with the authenticator (or a recovery code) carries, in one place.</summary>
public static class SecondFactor
{
    public static Claim Claim() => new("amr", "mfa");

    /// <summary>Whether this session was opened with the second factor.</summary>
    public static bool HasSecondFactor(this ClaimsPrincipal user) => user.HasClaim("amr", "mfa");
}
