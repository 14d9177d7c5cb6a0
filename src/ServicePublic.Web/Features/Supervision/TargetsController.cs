using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// Management by results: a ministry's procedures with their target delays, its programmes with
/// each indicator's baseline, yearly targets, actual value and status. A supervisor sees and edits
/// their own ministry's (another's answers 404); an administrator sees every ministry side by
/// side, opens and edits any.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TargetsController(TargetsQueries queries, AuditLog audit, UserManager<ApplicationUser> users, TimeProvider clock) : Controller
{
    private bool IsAdministrator => User.IsInRole(Roles.Administrator);

    private TargetsPeriod Period => TargetsPeriod.At(clock.GetUtcNow());

    [HttpGet(SupervisionPaths.Targets)]
    public async Task<IActionResult> Index([FromQuery(Name = "ministere")] string? ministry, CancellationToken ct)
    {
        if (IsAdministrator && string.IsNullOrWhiteSpace(ministry))
        {
            return View("TargetsOverview", await queries.OverviewAsync(Period, ct));
        }
        var (found, chosen) = await MinistryAsync(ministry, ct);
        if (!found)
        {
            return NotFound();
        }
        return View("Targets", chosen is null
            ? new TargetsPage(Period, null, [], IsAdministrator)
            : await queries.PageAsync(chosen, Period, IsAdministrator, null, ct));
    }

    [HttpPost("/supervision/objectifs/demarches/{slug}/delai")]
    public async Task<IActionResult> Delay(string slug, [FromForm(Name = DelayInput.Field)] string? days, CancellationToken ct)
    {
        var procedure = await queries.ProcedureAsync(slug, User, ct);
        if (procedure is null)
        {
            return NotFound();
        }
        var ministry = (await queries.MinistryAsync(procedure.MinistryId, ct))!;
        var before = procedure.TargetDelayDays;
        var (value, problem) = DelayInput.Read(days);
        if (value is not null)
        {
            try
            {
                procedure.SetTargetDelay(value, procedure.CurrentVersion!);
            }
            catch (BusinessRuleException ex)
            {
                problem = ex.Message;
            }
        }
        if (problem is not null)
        {
            this.AddError(DelayInput.Field, problem);
            return View("Targets", await queries.PageAsync(ministry, Period, IsAdministrator, new DelayAttempt(procedure.Slug, days), ct));
        }
        if (before != value)
        {
            // Saves the delay and its audit entry together.
            await audit.RecordAsync(AuditActions.ProcedureTargetSet, procedure.Slug, $"{ministry.Code}: {Days(before)} → {Days(value)}", ct: ct);
        }
        TempData["Notice"] = "Délai cible enregistré : il fixe l'échéance des demandes dont le délai commence à courir désormais.";
        return Redirect(SupervisionPaths.TargetsOf(ministry.Code) + "#delai-" + procedure.Slug);
    }

    [HttpGet("/supervision/objectifs/indicateurs/{id:int}")]
    public async Task<IActionResult> Indicator(int id, CancellationToken ct)
    {
        var found = await queries.IndicatorAsync(id, User, ct);
        return found is not { } f ? NotFound() : View("TargetsIndicator", await EditPageAsync(f.Programme, f.Indicator, IndicatorForm.Of(f.Indicator), ct));
    }

    [HttpPost("/supervision/objectifs/indicateurs/{id:int}")]
    public async Task<IActionResult> Indicator(int id, IndicatorForm form, CancellationToken ct)
    {
        if (await queries.IndicatorAsync(id, User, ct) is not var (programme, indicator))
        {
            return NotFound();
        }
        form.Kind = indicator.Kind;
        if (await this.ValidateFormAsync(form))
        {
            var before = Describe(indicator);
            var (baselineYear, baseline, targets) = form.Values();
            try
            {
                indicator.Set(baselineYear, baseline, targets, User.FindFirstValue(ClaimTypes.NameIdentifier)!, clock.GetUtcNow());
                var page = await EditPageAsync(programme, indicator, form, ct);
                // Saves the values and their audit entry together.
                await audit.RecordAsync(AuditActions.IndicatorUpdated, indicator.Id.ToString(CultureInfo.InvariantCulture),
                    $"{page.Ministry.Code} {programme.Code} {indicator.Kind}{(indicator.ProcedureId is { } p ? $" (procedure {p})" : "")}: {before} → {Describe(indicator)}", ct: ct);
                TempData["Notice"] = "Base et cibles enregistrées.";
                return Redirect(page.BackUrl);
            }
            catch (BusinessRuleException ex)
            {
                this.AddError("", ex.Message);
            }
        }
        return View("TargetsIndicator", await EditPageAsync(programme, indicator, form, ct));
    }

    private async Task<IndicatorEditPage> EditPageAsync(Programme programme, Indicator indicator, IndicatorForm form, CancellationToken ct) =>
        new((await queries.MinistryAsync(programme.MinistryId, ct))!, programme, indicator, await queries.TitleAsync(indicator.ProcedureId, ct), form);

    /// <summary>
    /// The ministry asked for: an administrator's choice (not found when it names none); a
    /// supervisor's own, and not found when the address names another.
    /// </summary>
    private async Task<(bool Found, TargetsMinistry? Ministry)> MinistryAsync(string? code, CancellationToken ct)
    {
        var asked = string.IsNullOrWhiteSpace(code) ? null : await queries.MinistryAsync(code.Trim(), ct);
        if (IsAdministrator)
        {
            return (asked is not null, asked);
        }
        var own = (await users.GetUserAsync(User))?.MinistryId is { } id ? await queries.MinistryAsync(id, ct) : null;
        return string.IsNullOrWhiteSpace(code) || (asked is not null && asked.Id == own?.Id) ? (true, own) : (false, null);
    }

    private static string Days(int? days) => days is { } d ? $"{d} j" : "-";

    /// <summary>"base 2025 = 40; 2026 = 60; 2027 = 75; 2028 = 90", for the audit journal.</summary>
    private static string Describe(Indicator indicator) =>
        string.Join("; ", IndicatorRules.TargetYears.Select(y => $"{y} = {Number(indicator.TargetFor(y))}")
            .Prepend($"base {indicator.BaselineYear} = {Number(indicator.Baseline)}"));

    private static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-";
}
