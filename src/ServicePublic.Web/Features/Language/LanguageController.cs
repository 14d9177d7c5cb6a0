using Microsoft.AspNetCore.Localization;
using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Language;

public sealed class LanguageController(TimeProvider clock) : Controller
{
    /// <summary>The language switch: remembers the choice in a cookie for a year.</summary>
    [HttpPost(LanguagePaths.Switch)]
    [ValidateAntiForgeryToken]
    public IActionResult Switch(string culture, string? returnUrl)
    {
        if (!Localization.Supported.Contains(culture))
        {
            culture = Localization.French;
        }
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = Request.IsHttps });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : CataloguePaths.Home);
    }
}
