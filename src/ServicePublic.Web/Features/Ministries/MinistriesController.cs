using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Infrastructure.Caching;

namespace ServicePublic.Web.Features.Ministries;

[PublicPage]
public sealed class MinistriesController(CatalogueQueries catalogue) : Controller
{
    [HttpGet(MinistryPaths.All)]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await catalogue.MinistriesAsync(ct));

    [HttpGet("/ministeres/{code}")]
    public async Task<IActionResult> Details(string code, CancellationToken ct)
    {
        var ministry = code.Length <= Domain.Catalogue.Ministry.CodeMaxLength
            ? await catalogue.FindMinistryAsync(code, ct)
            : null;
        return ministry is null ? NotFound() : View(ministry);
    }
}
