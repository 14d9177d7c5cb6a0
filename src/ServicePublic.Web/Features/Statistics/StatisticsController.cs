using ServicePublic.Web.Infrastructure.Caching;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// The public statistics, without an account: the nation at /statistiques, a ministry at
/// /statistiques/{code}, a procedure at /statistiques/demarches/{slug}. ?ministere= and ?demarche=
/// on the nation's address lead to the same pages. Unknown codes and slugs: 404.
/// </summary>
[PublicPage]
public sealed class StatisticsController(StatisticsQueries statistics) : Controller
{
    [HttpGet(StatisticsPaths.Home)]
    public async Task<IActionResult> Nation(string? ministere, string? demarche, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(demarche))
        {
            return Redirect(StatisticsPaths.Procedure(demarche.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(ministere))
        {
            return Redirect(StatisticsPaths.Ministry(ministere.Trim().ToUpperInvariant()));
        }
        return Show(await statistics.NationAsync(ct));
    }

    [HttpGet("/statistiques/{code}")]
    public async Task<IActionResult> Ministry(string code, CancellationToken ct) => Show(await statistics.MinistryAsync(code, ct));

    [HttpGet("/statistiques/demarches/{slug}")]
    public async Task<IActionResult> Procedure(string slug, CancellationToken ct) => Show(await statistics.ProcedureAsync(slug, ct));

    private IActionResult Show(StatisticsPage? page) => page is null ? NotFound() : View("Statistics", page);
}
