using System.Globalization;
using System.Security.Claims;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>
/// "Acting as": myself or one of the businesses I belong to. The choice lives in a cookie, and
/// is checked against my memberships on every request, so a forged or stale cookie falls back
/// to "myself".
/// </summary>
public sealed class ActingContext(IHttpContextAccessor http, AppDbContext db)
{
    public const string CookieName = "sp-acting";

    private IReadOnlyList<BusinessChoice>? _businesses;

    public sealed record BusinessChoice(int Id, string Name, string Nif);

    /// <summary>The businesses the signed-in account belongs to (empty for visitors).</summary>
    public async Task<IReadOnlyList<BusinessChoice>> MyBusinessesAsync()
    {
        if (_businesses is not null)
        {
            return _businesses;
        }
        var userId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        _businesses = userId is null
            ? []
            : await db.BusinessMembers.Where(m => m.UserId == userId)
                .Join(db.Businesses, m => m.BusinessId, b => b.Id, (m, b) => b)
                .OrderBy(b => b.Name)
                .Select(b => new BusinessChoice(b.Id, b.Name, b.Nif))
                .ToListAsync();
        return _businesses;
    }

    /// <summary>The business the account acts for now, or null when acting for itself.</summary>
    public async Task<BusinessChoice?> CurrentAsync()
    {
        var raw = http.HttpContext?.Request.Cookies[CookieName];
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        return (await MyBusinessesAsync()).FirstOrDefault(b => b.Id == id);
    }

    public void Set(HttpResponse response, int? businessId)
    {
        if (businessId is null)
        {
            response.Cookies.Delete(CookieName);
            return;
        }
        response.Cookies.Append(CookieName, businessId.Value.ToString(CultureInfo.InvariantCulture), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            IsEssential = true,
        });
    }
}

/// <summary>
/// Set in ViewData (under <see cref="Key"/>) by a page about one request, its draft, page, payment
/// or appointment: the header then says for whom that request is instead of offering the "J'agis
/// pour" switch. The switch only chooses for whom new requests start, so "Moi-même" above a
/// company's draft contradicted the page; switching the context on opening the page would have
/// changed the user's choice behind their back.
/// </summary>
public sealed record ActingOnRequest(int? BusinessId)
{
    public const string Key = nameof(ActingOnRequest);
}
