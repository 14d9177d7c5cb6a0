using System.Globalization;
using System.Security.Claims;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Infrastructure.Files;
using ServicePublic.Web.Data.Seeding;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

public sealed record ReviewPage(Workbench Bench, IReadOnlyList<DefinitionChange> Changes, int DraftsToMove, IReadOnlyList<EntryProblem> Problems, string? Refusal, string? DraftEditedBy, bool MayPublish);

/// <summary>The form as the applicant will see it, drawn by the same partial, with the answers tried so far.</summary>
public sealed record PreviewPage(Workbench Bench, Audience Applicant, FormFieldsView Form, FeeQuote Quote, string? Refusal, int MinutesToFill, bool Checked);

/// <summary>
/// Reviewing and publishing a draft (publishers and administrators; never one's own last edit),
/// now or at a set time, and the preview every editor and publisher may open.
/// </summary>
[Authorize(Policy = Policies.Edition)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PublicationController(Workshop workshop, Publication publication, DefinitionChecks checks, AuditLog audit,
    IOptions<FileStoreOptions> files, TimeProvider clock) : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private bool MayPublish => User.IsInRole(Roles.Publisher) || User.IsInRole(Roles.Administrator);

    [HttpGet("/edition/demarches/{slug}/publication")]
    public async Task<IActionResult> Review(string slug, CancellationToken ct) =>
        await workshop.OpenAsync(slug, User, ct) is { } bench ? View("Review", await ReviewAsync(bench, ct)) : NotFound();

    /// <summary>"publier" now, "programmer" at a date and time (Lomé is UTC), or "deprogrammer".</summary>
    [HttpPost("/edition/demarches/{slug}/publication")]
    public async Task<IActionResult> Publish(string slug, [FromForm(Name = "action")] string? action, [FromForm(Name = "at")] string? at,
        [FromForm(Name = "token")] uint token, CancellationToken ct)
    {
        if (!MayPublish)
        {
            return Forbid();
        }
        if (await workshop.OpenAsync(slug, User, ct) is not { } bench)
        {
            return NotFound();
        }
        if (bench.Token != token)
        {
            this.AddError("", "Le brouillon a été modifié pendant votre relecture : relisez les changements avant de publier.");
            return View("Review", await ReviewAsync(bench, ct));
        }
        switch (action)
        {
            case "publier":
                if (await publication.PublishAsync(bench, UserId, ct) is { } refusal)
                {
                    this.AddError("", refusal);
                    return View("Review", await ReviewAsync((await workshop.OpenAsync(slug, User, ct))!, ct));
                }
                TempData["Notice"] = "Démarche publiée : le catalogue montre la nouvelle version, les brouillons des demandeurs y sont passés.";
                return Redirect(EditionPaths.Procedure(slug));
            case "programmer":
                return await ScheduleAsync(bench, at, ct);
            case "deprogrammer" when bench.Draft?.PublishAt is not null:
                bench.Draft.Unschedule();
                await audit.RecordAsync(AuditActions.ProcedureScheduled, slug, $"{bench.Procedure.Ministry.Code}: programmation annulée", ct: ct);
                TempData["Notice"] = "Publication déprogrammée.";
                return Redirect(EditionPaths.Publication(slug));
            default:
                return BadRequest();
        }
    }

    private async Task<IActionResult> ScheduleAsync(Workbench bench, string? at, CancellationToken ct)
    {
        var refusal = await publication.RefusalAsync(bench, UserId, ct);
        if (refusal is null && !DateTime.TryParseExact(at, ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            refusal = "Indiquez la date et l'heure de publication.";
        }
        if (refusal is null)
        {
            // Lomé keeps UTC all year: the time typed is the time in UTC.
            var when = new DateTimeOffset(DateTime.ParseExact(at!.Replace(' ', 'T'), "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), TimeSpan.Zero);
            try
            {
                bench.Draft!.Schedule(when, UserId, clock.GetUtcNow());
                await audit.RecordAsync(AuditActions.ProcedureScheduled, bench.Slug, $"{bench.Procedure.Ministry.Code}: le {when:yyyy-MM-dd HH:mm} UTC", ct: ct);
                TempData["Notice"] = "Publication programmée.";
                return Redirect(EditionPaths.Publication(bench.Slug));
            }
            catch (BusinessRuleException e)
            {
                refusal = e.Message;
            }
        }
        this.AddError("at", refusal);
        return View("Review", await ReviewAsync(bench, ct));
    }

    [HttpGet("/edition/demarches/{slug}/apercu")]
    public async Task<IActionResult> Preview(string slug, [FromQuery(Name = "pour")] string? applicant, CancellationToken ct) =>
        await workshop.OpenAsync(slug, User, ct) is { } bench
            ? View("Preview", Preview(bench, Who(applicant), new Dictionary<string, string?>(), check: false))
            : NotFound();

    /// <summary>The preview again with the answers tried: conditions, fees and (when asked) the checks applied.</summary>
    [HttpPost("/edition/demarches/{slug}/apercu")]
    public async Task<IActionResult> Preview(string slug, [FromQuery(Name = "pour")] string? applicant, [FromForm(Name = "action")] string? action, CancellationToken ct)
    {
        if (await workshop.OpenAsync(slug, User, ct) is not { } bench)
        {
            return NotFound();
        }
        var who = Who(applicant);
        var fields = bench.Entry.Form.Where(f => FormDefinition.AppliesTo(f, who)).ToList();
        var answers = Filing.Answers(fields, Request.Form.ToDictionary(p => p.Key, p => p.Value));
        var page = Preview(bench, who, answers, check: action == "verifier");
        if (page.Checked)
        {
            var submission = new FormSubmission(answers, new HashSet<string>(), who);
            this.AddFormErrors(new FormValidator(fields, Today).Validate(submission));
        }
        return View("Preview", page);
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static Audience Who(string? applicant) => applicant == "entreprise" ? Audience.Companies : Audience.Individuals;

    private PreviewPage Preview(Workbench bench, Audience who, Dictionary<string, string?> answers, bool check)
    {
        var entry = bench.Entry;
        var fields = entry.Form.Where(f => FormDefinition.AppliesTo(f, who)).ToList();
        var submission = new FormSubmission(answers, new HashSet<string>(), who);
        var shown = FormDefinition.ShownKeys(fields, submission, Today);
        var view = new FormFieldsView(fields, answers, _ => true, _ => null, Today, files.Value.MaxMegabytes, shown);
        return new PreviewPage(bench, who, view, FeeQuote.For(entry.Fees, fields, answers, who, Today),
            FormDefinition.Refusal(entry.Eligibility ?? [], fields, submission, Today), FillingTime.Minutes(fields, shown), check);
    }

    private async Task<ReviewPage> ReviewAsync(Workbench bench, CancellationToken ct)
    {
        var latest = Workshop.LatestVersion(bench.Procedure);
        var before = latest is null ? null : Definitions.Of(bench.Procedure, latest);
        var editedBy = await workshop.EditedByAsync(bench.Draft, ct);
        return new ReviewPage(bench, bench.Draft is null ? [] : DefinitionDiff.Between(before, bench.Entry),
            await publication.DraftsToMoveAsync(bench.Procedure, ct), await checks.ProblemsAsync(bench.Entry, ct),
            MayPublish ? await publication.RefusalAsync(bench, UserId, ct) : "Seul un publicateur de votre ministère peut publier.", editedBy, MayPublish);
    }
}

/// <summary>How long filling a form takes, roughly: seconds per kind of question, as an editor's guide.</summary>
public static class FillingTime
{
    public static int Minutes(IReadOnlyList<FormField> fields, IReadOnlySet<string> shown)
    {
        var seconds = fields.Where(f => shown.Contains(f.Key) || f.Group is not null).Sum(f => f.Type switch
        {
            FieldType.Section or FieldType.Group => 0,
            FieldType.LongText => 90,
            FieldType.File => 60,
            FieldType.MultipleChoice => 20,
            FieldType.YesNo or FieldType.SingleChoice => 8,
            _ => 15,
        });
        return Math.Max(1, (int)Math.Ceiling(seconds / 60.0));
    }
}
