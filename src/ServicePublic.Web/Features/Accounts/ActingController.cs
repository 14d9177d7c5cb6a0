namespace ServicePublic.Web.Features.Accounts;

/// <summary>The header's "acting as" switch: myself, or one of my businesses.</summary>
[Authorize]
public sealed class ActingController(ActingContext acting) : Controller
{
    [HttpPost("/compte/agir-pour")]
    public async Task<IActionResult> Switch(int? businessId, string? returnUrl)
    {
        var mine = await acting.MyBusinessesAsync();
        acting.Set(Response, businessId is not null && mine.Any(b => b.Id == businessId) ? businessId : null);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : AccountPaths.Account);
    }
}
