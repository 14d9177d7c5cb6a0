using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// The public statistics as open data, per procedure and day: /statistiques/donnees.csv and
/// .json, filtered by ?du=&amp;au=&amp;ministere=&amp;demarche=. Counts only: never a name, a tracking
/// number or an answer (the rollups hold none). Anyone may cache a file for a minute.
/// </summary>
public sealed class OpenDataController(OpenDataQueries data, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string PublicMinute = "public, max-age=60";

    [HttpGet(StatisticsPaths.Csv)]
    public Task<IActionResult> Csv(string? du, string? au, string? ministere, string? demarche, CancellationToken ct) =>
        ServeAsync(du, au, ministere, demarche, "csv", OpenDataFiles.CsvContentType, attachment: true,
            (rows, _) => OpenDataFiles.WriteCsvAsync(Response.Body, rows, ct), ct);

    [HttpGet(StatisticsPaths.Json)]
    public Task<IActionResult> Json(string? du, string? au, string? ministere, string? demarche, CancellationToken ct) =>
        ServeAsync(du, au, ministere, demarche, "json", OpenDataFiles.JsonContentType, attachment: false,
            (rows, period) => OpenDataFiles.WriteJsonAsync(Response.Body, period, rows, ct), ct);

    private async Task<IActionResult> ServeAsync(
        string? du, string? au, string? ministere, string? demarche, string extension, string contentType, bool attachment,
        Func<IAsyncEnumerable<OpenDataRow>, OpenDataPeriod, Task> write, CancellationToken ct)
    {
        var (period, error) = OpenDataPeriod.Parse(du, au, StatisticsPeriod.At(clock.GetUtcNow()).Today);
        if (period is null)
        {
            // A plain sentence, in the visitor's language: a script or a person reads it as is.
            return new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = localizer[error!],
            };
        }
        // An unknown ministry or procedure is not found, rather than an empty file that looks like "nothing happened".
        int? ministryId = string.IsNullOrWhiteSpace(ministere) ? 0 : await data.MinistryIdAsync(ministere, ct);
        int? procedureId = string.IsNullOrWhiteSpace(demarche) ? 0 : await data.ProcedureIdAsync(demarche, ct);
        if (ministryId is null || procedureId is null)
        {
            return NotFound();
        }
        Response.ContentType = contentType;
        Response.Headers.CacheControl = PublicMinute;
        var disposition = new ContentDispositionHeaderValue(attachment ? "attachment" : "inline");
        disposition.SetHttpFileName(OpenDataFiles.FileName(period, extension));
        Response.Headers.ContentDisposition = disposition.ToString();
        await write(data.RowsAsync(period, ministryId.Value, procedureId.Value, ct), period);
        return new EmptyResult();
    }
}
