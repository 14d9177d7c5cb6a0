using Microsoft.AspNetCore.Mvc;

namespace ServicePublic.Web.Features.Account;

/// <summary>
/// Sign-in address that protected pages send visitors to. Accounts (sign-up, sign-in, second
/// factor) are not built yet: the page says so plainly instead of pretending.
/// </summary>
public sealed class AccountController : Controller
{
    [HttpGet("/compte/connexion")]
    public IActionResult SignIn(string? returnUrl) =>
        View(model: Url.IsLocalUrl(returnUrl) ? returnUrl : null);
}
