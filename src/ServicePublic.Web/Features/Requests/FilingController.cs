using System.Security.Claims;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Features.Accounts;

namespace ServicePublic.Web.Features.Requests;

/// <summary>
/// Filing: choose for whom, fill the procedure's own form and attach its documents (a draft the
/// user can leave and resume), then submit. The work is <see cref="Filing"/>'s; this maps its
/// outcome to a page or a redirect.
/// </summary>
[Authorize]
public sealed class FilingController(RequestAccess access, RequestQueries queries, Filing filing, IOptions<FilingOptions> options) : Controller
{
    private const long MaxRequestBytes = 64 * 1024 * 1024;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("/demarches/{slug}/demarrer")]
    public async Task<IActionResult> Start(string slug, CancellationToken ct)
    {
        var version = await queries.CurrentVersionAsync(slug, ct);
        return version is null ? NotFound() : View(await queries.StartModelAsync(version));
    }

    [HttpPost("/demarches/{slug}/demarrer")]
    public async Task<IActionResult> Start(string slug, string? pour, CancellationToken ct)
    {
        var version = await queries.CurrentVersionAsync(slug, ct);
        if (version is null)
        {
            return NotFound();
        }
        var model = await queries.StartModelAsync(version);
        if (!model.CanFile)
        {
            return View(model);
        }
        int? businessId = null;
        if (pour != "moi")
        {
            businessId = int.TryParse(pour, out var id) && model.Businesses.Any(b => b.Id == id) ? id : null;
            if (businessId is null || !version.Audience.Includes(Audience.Companies))
            {
                this.AddError("pour", "Choisissez pour qui vous faites la démarche.");
                return View(model);
            }
        }
        else if (!version.Audience.Includes(Audience.Individuals))
        {
            this.AddError("pour", "Cette démarche est réservée aux entreprises : choisissez une entreprise que vous représentez.");
            return View(model);
        }
        if (await filing.StartAsync(version.Id, UserId, businessId, ct) is not { } draft)
        {
            this.AddError("pour", "Vous avez commencé {0} demandes aujourd'hui, le maximum pour une journée. Reprenez un brouillon depuis « Mes demandes », ou revenez demain.",
                options.Value.DraftsPerDay);
            return View(model);
        }
        return Redirect(RequestPaths.Draft(draft));
    }

    [HttpGet("/demandes/brouillons/{id:guid}")]
    public async Task<IActionResult> Draft(Guid id, CancellationToken ct)
    {
        var request = await access.FindDraftAsync(id, ct);
        if (request is null)
        {
            return NotFound();
        }
        if (!request.IsEditableByApplicant)
        {
            return Redirect(Filing.AfterSubmission(request));
        }
        return View(await queries.DraftModelAsync(request, ct));
    }

    [HttpPost("/demandes/brouillons/{id:guid}")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Draft(Guid id, string? action, CancellationToken ct)
    {
        var command = new DraftCommand(id, UserId, action == "submit" ? DraftAction.Submit : DraftAction.Save,
            Request.Form.ToDictionary(v => v.Key, v => v.Value), Request.Form.Files);
        switch (await filing.SaveAsync(command, ct))
        {
            case DraftOutcome.Moved moved:
                if (moved.Notice is not null)
                {
                    TempData["Notice"] = moved.Notice;
                }
                return Redirect(moved.To);
            case DraftOutcome.Refused refused:
                foreach (var (field, refusal) in refused.Uploads)
                {
                    this.AddError(field, refusal.Template, refusal.Arguments);
                }
                if (refused.Form is not null)
                {
                    this.AddFormErrors(refused.Form);
                    ViewData["SubmitFailed"] = command.Action == DraftAction.Submit;
                }
                return View(refused.Model);
            default:
                return NotFound();
        }
    }
}

public sealed record StartModel(ProcedureVersion Version, IReadOnlyList<ActingContext.BusinessChoice> Businesses, int? ActingFor)
{
    public bool CanFile => Version.CanBeFiledOnline;
    public bool ForIndividuals => Version.Audience.Includes(Audience.Individuals);
}

/// <param name="Quote">The fees as the saved answers make them (quantities included), shown before submitting.</param>
/// <param name="Today">The clock's date: the bound of date fields saying "today", as the validator sees it.</param>
/// <param name="MaxUploadMegabytes">The upload limit told next to each file field, from the file store's settings.</param>
/// <param name="WhatIsNew">The questions added, removed or changed since the version the draft was started on, when a publication moved it.</param>
public sealed record DraftModel(Request Request, ProcedureVersion Version, IReadOnlyList<FormField> Fields, Audience Applicant, string? BusinessName, FeeQuote Quote,
    DateOnly Today, long MaxUploadMegabytes, IReadOnlyList<Edition.DefinitionChange> WhatIsNew)
{
    /// <summary>Where a refused submission puts the eligibility message (shown atop the page, not next to a field).</summary>
    public const string IneligibleKey = "eligibilite";

    /// <summary>The office's message when the saved answers meet one of the procedure's eligibility rules: the request cannot be filed.</summary>
    public string? Ineligible => FormDefinition.Refusal(Version.Eligibility, Fields,
        new FormSubmission(Request.Answers, new HashSet<string>(), Applicant), Today);
}
