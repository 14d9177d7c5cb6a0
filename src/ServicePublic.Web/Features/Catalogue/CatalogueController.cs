namespace ServicePublic.Web.Features.Catalogue;

public sealed class CatalogueController(CatalogueQueries catalogue) : Controller
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
        return procedure is null ? NotFound() : View(procedure);
    }
}
