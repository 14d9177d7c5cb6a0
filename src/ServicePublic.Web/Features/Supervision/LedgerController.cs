using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

using ServicePublic.Web.Features.Payments;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// What a ministry collected, for its supervisors, and the same as a CSV for the finance office.
/// A supervisor sees their own ministry's payments only, whatever the address asks; an
/// administrator chooses the ministry.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class LedgerController(LedgerQueries queries, UserManager<ApplicationUser> users, AuditLog audit, TimeProvider clock, ILogger<LedgerController> logger) : Controller
{
    [HttpGet(SupervisionPaths.Payments)]
    public async Task<IActionResult> Index(LedgerQuery query, CancellationToken ct)
    {
        var (found, ministry, choices) = await MinistryAsync(query, ct);
        if (!found)
        {
            return NotFound();
        }
        var valid = await this.ValidateFormAsync(query);
        if (ministry is null)
        {
            return View("Ledger", new LedgerPage(query, null, choices, [], [], null, null));
        }
        var procedures = await queries.ProceduresAsync(ministry.Id, ct);
        var providers = await queries.ProvidersAsync(ct);
        var scope = valid ? Scope(ministry, query) : null;
        var report = scope is null ? null : await queries.ReportAsync(scope, procedures, ct);
        return View("Ledger", new LedgerPage(query, ministry, choices, procedures, providers, scope?.Period, report));
    }

    [HttpGet(SupervisionPaths.PaymentsCsv)]
    public async Task<IActionResult> Csv(LedgerQuery query, CancellationToken ct)
    {
        var (found, ministry, _) = await MinistryAsync(query, ct);
        if (!found || ministry is null)
        {
            return NotFound();
        }
        if (!await this.ValidateFormAsync(query))
        {
            // The page says what is wrong, next to the field.
            return Redirect(SupervisionPaths.Payments + Request.QueryString);
        }
        var scope = Scope(ministry, query);
        var procedures = (await queries.ProceduresAsync(ministry.Id, ct)).ToDictionary(p => p.Id, p => p.Title);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(LedgerCsv.FileName(ministry.Code, scope.Period));
        Response.ContentType = LedgerCsv.ContentType;
        Response.Headers.ContentDisposition = disposition.ToString();
        logger.LogInformation("Ledger of {Ministry} from {From} to {To} exported by {UserId}",
            ministry.Code, scope.Period.From, scope.Period.To, users.GetUserId(User));
        await audit.RecordAsync(AuditActions.PaymentsExported, null,
            $"{ministry.Code} {LedgerPeriod.Iso(scope.Period.From)} {LedgerPeriod.Iso(scope.Period.To)}", ct: ct);
        await LedgerCsv.WriteAsync(Response.Body, queries.LinesAsync(scope), procedures, ct);
        return new EmptyResult();
    }

    private LedgerScope Scope(LedgerMinistry ministry, LedgerQuery query) => new(
        ministry.Id,
        query.PeriodAt(clock.GetUtcNow()),
        string.IsNullOrWhiteSpace(query.Procedure) ? null : query.Procedure.Trim(),
        string.IsNullOrWhiteSpace(query.Provider) ? null : query.Provider.Trim(),
        PaymentLabels.FromSlug(query.Method));

    /// <summary>
    /// An administrator's choice (their own ministry, else the first, when they make none; not
    /// found when it names no ministry); a supervisor's own ministry, the address notwithstanding.
    /// </summary>
    private async Task<(bool Found, LedgerMinistry? Ministry, IReadOnlyList<LedgerMinistry> Choices)> MinistryAsync(LedgerQuery query, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (User.IsInRole(Roles.Administrator))
        {
            var all = await queries.MinistriesAsync(ct);
            var chosen = string.IsNullOrWhiteSpace(query.Ministry)
                ? all.FirstOrDefault(m => m.Id == user?.MinistryId) ?? all.FirstOrDefault()
                : all.FirstOrDefault(m => string.Equals(m.Code, query.Ministry.Trim(), StringComparison.OrdinalIgnoreCase));
            return (chosen is not null, chosen, all);
        }
        var own = user?.MinistryId is { } id ? await queries.MinistryAsync(id, ct) : null;
        return (true, own, []);
    }
}
