using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>
/// Every signed-in request compares the session's security stamp with the account's, read from
/// the database (so on every node): a password change or reset, a role change, a closed account or
/// a sign-out (each gives the account a new stamp) refuses the other sessions from their next request.
/// Unlike Identity's own validator at a zero interval, it reads one column by primary key and
/// keeps the cookie as it is: the roles and claims it carries were written with that stamp, and
/// anything that changes them changes the stamp.
/// </summary>
internal sealed class SessionStampCheck(AppDbContext db, IOptions<IdentityOptions> identity) : ISecurityStampValidator
{
    private static readonly Func<AppDbContext, string, Task<string?>> StampOf = EF.CompileAsyncQuery(
        (AppDbContext db, string userId) => db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefault());

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claims = identity.Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        var current = userId is null ? null : await StampOf(db, userId);
        if (current is null || stamp != current)
        {
            context.RejectPrincipal();
            await context.HttpContext.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>().SignOutAsync();
        }
    }
}
