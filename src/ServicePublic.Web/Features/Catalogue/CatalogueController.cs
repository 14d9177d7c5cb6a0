using ServicePublic.Web.Features.Statistics;
using ServicePublic.Web.Infrastructure.Caching;

namespace ServicePublic.Web.Features.Catalogue;

[PublicPage]
public sealed class CatalogueController(CatalogueQueries catalogue, StatisticsQueries statistics) : Controller
{
    [HttpGet(CataloguePaths.Procedures)]
    public async Task<IActionResult> Index(
        string? q,
        string? ministere,
        [FromQuery(Name = "public")] string? audience,
        string? categorie,
        string? page,
        CancellationToken ct)
    {
        var filter = CatalogueFilter.From(q, ministere, audience, categorie, page);
        return View(await catalogue.SearchAsync(filter, ct));
    }

    [HttpGet("/demarches/{slug}")]
    public async Task<IActionResult> Details(string slug, CancellationToken ct)
    {
        var procedure = await catalogue.FindProcedureAsync(slug, ct);
        if (procedure is null)
        {
            return NotFound();
        }
        // The announced delay beside the measured one (one small query on the rollup, cached a minute).
        ViewData[MeasuredDelay.ViewDataKey] = new MeasuredDelay(
            procedure.Slug, procedure.ProcessingTime, await statistics.MeasuredDelayAsync(procedure.ProcedureId, ct));
        return View(procedure);
    }
}
