using Microsoft.AspNetCore.Localization;
using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Language;

public sealed class LanguageController(TimeProvider clock) : Controller
{
    /// <summary>
    /// The language switch: remembers the choice in a cookie for a year, then goes back to the page.
    /// A GET (the header's form, which works without JavaScript): the public pages a proxy may
    /// keep carry no per-visitor token. It changes nothing but a preference the visitor can
    /// switch back with one click, so a request forged by another site has nothing to gain.
    /// </summary>
    [HttpGet(LanguagePaths.Switch)]
    public IActionResult Switch(string? culture, string? retour)
    {
        if (culture is null || !Localization.Supported.Contains(culture))
        {
            culture = Localization.French;
        }
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = Request.IsHttps });
        Response.Headers.CacheControl = "no-store";
        return LocalRedirect(Url.IsLocalUrl(retour) ? retour : CataloguePaths.Home);
    }
}
