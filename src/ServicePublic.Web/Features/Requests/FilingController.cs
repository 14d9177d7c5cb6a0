using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Accounts;
using ServicePublic.Web.Infrastructure.Files;
using ServicePublic.Web.Features.Shared;
using RequestEntity = ServicePublic.Web.Domain.Requests.Request;

namespace ServicePublic.Web.Features.Requests;

/// <summary>
/// Filing: choose for whom, fill the procedure's own form and attach its documents (a draft the
/// user can leave and resume), then submit. The draft's id makes submitting idempotent: a
/// double click or a retry finds it already submitted and shows the same request.
/// </summary>
[Authorize]
public sealed class FilingController(
    AppDbContext db,
    RequestAccess access,
    ActingContext acting,
    UploadInspector uploads,
    TrackingNumbers numbers,
    RequestNotifier notifier,
    TimeProvider clock) : Controller
{
    private const long MaxRequestBytes = 64 * 1024 * 1024;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("/demarches/{slug}/demarrer")]
    public async Task<IActionResult> Start(string slug, CancellationToken ct)
    {
        var version = await CurrentVersionAsync(slug, ct);
        return version is null ? NotFound() : View(await StartModelAsync(version));
    }

    [HttpPost("/demarches/{slug}/demarrer")]
    public async Task<IActionResult> Start(string slug, string? pour, CancellationToken ct)
    {
        var version = await CurrentVersionAsync(slug, ct);
        if (version is null)
        {
            return NotFound();
        }
        var model = await StartModelAsync(version);
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
        var draft = RequestEntity.StartDraft(version.Id, UserId, businessId, clock.GetUtcNow());
        db.Requests.Add(draft);
        await db.SaveChangesAsync(ct);
        return Redirect($"/demandes/brouillons/{draft.Id}");
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
            return Redirect(AfterSubmission(request));
        }
        return View(await DraftModelAsync(request, ct));
    }

    [HttpPost("/demandes/brouillons/{id:guid}")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Draft(Guid id, string? action, CancellationToken ct)
    {
        var request = await access.FindDraftAsync(id, ct);
        if (request is null)
        {
            return NotFound();
        }
        if (!request.IsEditableByApplicant)
        {
            // Submitted already (a double click, a retry): one request, shown as it is.
            return Redirect(AfterSubmission(request));
        }
        var model = await DraftModelAsync(request, ct);
        var now = clock.GetUtcNow();

        var answers = model.Fields.Where(f => f.Type is not (FieldType.File or FieldType.Section))
            .ToDictionary(f => f.Key, f => f.Type == FieldType.MultipleChoice
                ? FormSubmission.JoinChoices(Request.Form[f.Key].Where(v => v is not null)!)
                : (string?)Request.Form[f.Key].FirstOrDefault());
        request.SaveAnswers(answers, now);
        foreach (var field in model.Fields.Where(f => f.Type == FieldType.File
            && (request.Status == RequestStatus.Draft || request.FieldsToCorrect.Contains(f.Key))))
        {
            if (Request.Form[$"remove-{field.Key}"] == "1")
            {
                request.RemoveAttachment(field.Key, now);
            }
            var upload = Request.Form.Files.GetFile($"file-{field.Key}");
            if (upload is null || upload.Length == 0 && string.IsNullOrEmpty(upload.FileName))
            {
                continue;
            }
            var (file, refusal) = await uploads.InspectAndStoreAsync(upload, ct);
            if (refusal is not null)
            {
                this.AddError(field.Key, refusal.Template, refusal.Arguments);
                continue;
            }
            request.Attach(field.Key, file!.FileName, file.ContentType, file.Size, file.Sha256, file.StorageKey, UserId, now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = "Ce brouillon a été modifié ailleurs entre-temps : voici sa dernière version.";
            return Redirect($"/demandes/brouillons/{id}");
        }

        if (action == "submit")
        {
            var submission = Submission(request, model.Applicant);
            var result = await new FormValidator(model.Fields, DateOnly.FromDateTime(now.UtcDateTime)).ValidateAsync(submission, ct);
            // A refused upload already has its message; the form's own check would only repeat "attach it".
            this.AddFormErrors(new FluentValidation.Results.ValidationResult(result.Errors.Where(e => !ModelState.ContainsKey(e.PropertyName) || ModelState[e.PropertyName]!.Errors.Count == 0)));
            ViewData["SubmitFailed"] = !ModelState.IsValid;
        }
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        if (action != "submit")
        {
            TempData["Notice"] = "Brouillon enregistré. Vous pouvez revenir le compléter plus tard depuis « Mes demandes ».";
            return Redirect($"/demandes/brouillons/{id}");
        }

        if (request.Status == RequestStatus.AwaitingApplicant)
        {
            request.Resubmit(UserId, now);
            await notifier.StatusChangedAsync(request, model.Version.Title, ct);
            await db.SaveChangesAsync(ct);
            TempData["Notice"] = "Vos corrections sont envoyées au service.";
            return Redirect($"/demandes/{request.TrackingNumber}");
        }
        var number = await numbers.NextAsync(ct);
        var quote = FeeQuote.For(model.Version.Fees, request.Answers, model.Applicant);
        request.Submit(UserId, feeDue: quote.IsDueNow, () => number, model.Version.ProcessingTime.TargetDays, now);
        await notifier.StatusChangedAsync(request, model.Version.Title, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Redirect("/demandes");
        }
        if (request.Status == RequestStatus.AwaitingPayment)
        {
            TempData["Notice"] = "Votre demande est enregistrée. Payez les frais pour qu'elle soit transmise au service.";
            return Redirect(AfterSubmission(request));
        }
        TempData["Notice"] = "Votre demande est déposée. Gardez son numéro de suivi et son code de contrôle.";
        return Redirect($"/demandes/{request.TrackingNumber}");
    }

    /// <summary>Where a submitted request is shown: its payment page while a fee is due.</summary>
    private static string AfterSubmission(RequestEntity request) => request.Status == RequestStatus.AwaitingPayment
        ? $"/demandes/{request.TrackingNumber}/paiement"
        : request.TrackingNumber is null ? "/demandes" : $"/demandes/{request.TrackingNumber}";

    private static FormSubmission Submission(RequestEntity request, Audience applicant) => new(
        request.Answers,
        request.Attachments.Where(a => a.IsCurrent).Select(a => a.FieldKey).ToHashSet(),
        applicant);

    private Task<ProcedureVersion?> CurrentVersionAsync(string slug, CancellationToken ct) =>
        db.ProcedureVersions.AsNoTracking().Include(v => v.Procedure)
            .SingleOrDefaultAsync(v => v.IsCurrent && v.Procedure.Slug == slug, ct);

    private async Task<StartModel> StartModelAsync(ProcedureVersion version)
    {
        var businesses = version.Audience.Includes(Audience.Companies) ? await acting.MyBusinessesAsync() : [];
        var current = await acting.CurrentAsync();
        return new StartModel(version, businesses, current?.Id);
    }

    private async Task<DraftModel> DraftModelAsync(RequestEntity request, CancellationToken ct)
    {
        var version = await db.ProcedureVersions.AsNoTracking().Include(v => v.Procedure)
            .SingleAsync(v => v.Id == request.ProcedureVersionId, ct);
        var business = request.BusinessId is null ? null
            : await db.Businesses.Where(b => b.Id == request.BusinessId).Select(b => b.Name).SingleOrDefaultAsync(ct);
        var applicant = request.ApplicantKind;
        var fields = version.Form.Where(f => FormDefinition.AppliesTo(f, applicant)).ToList();
        return new DraftModel(request, version, fields, applicant, business, FeeQuote.For(version.Fees, request.Answers, applicant));
    }
}

public sealed record StartModel(ProcedureVersion Version, IReadOnlyList<ActingContext.BusinessChoice> Businesses, int? ActingFor)
{
    public bool CanFile => Version.Procedure.Status == ProcedureStatus.Active && Version.Procedure.IsOnline;
    public bool ForIndividuals => Version.Audience.Includes(Audience.Individuals);
}

/// <param name="Quote">The fees as the saved answers make them (quantities included), shown before submitting.</param>
public sealed record DraftModel(Request Request, ProcedureVersion Version, IReadOnlyList<FormField> Fields, Audience Applicant, string? BusinessName, FeeQuote Quote);
