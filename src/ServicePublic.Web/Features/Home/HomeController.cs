using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Infrastructure.Caching;

namespace ServicePublic.Web.Features.Home;

[PublicPage]
public sealed class HomeController(CatalogueQueries catalogue) : Controller
{
    [HttpGet(CataloguePaths.Home)]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var mostRequested = await catalogue.MostRequestedAsync(8, ct);
        var ministries = await catalogue.MinistriesAsync(ct);
        return View(new HomeViewModel(mostRequested, ministries));
    }
}

public sealed record HomeViewModel(
    IReadOnlyList<ProcedureCard> MostRequested,
    IReadOnlyList<MinistrySummary> Ministries)
{
    public int ProcedureCount => Ministries.Sum(m => m.ProcedureCount);
}
