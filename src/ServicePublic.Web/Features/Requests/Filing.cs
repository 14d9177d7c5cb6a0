using FluentValidation.Results;
using Microsoft.Extensions.Primitives;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Infrastructure.Files;

namespace ServicePublic.Web.Features.Requests;

public enum DraftAction
{
    Save,
    Submit,
}

/// <summary>A posted draft form: its values by input name (answers, "remove-…" boxes) and its "file-…" uploads.</summary>
public sealed record DraftCommand(Guid DraftId, string UserId, DraftAction Action, IReadOnlyDictionary<string, StringValues> Values, IFormFileCollection Files);

/// <summary>A refused upload, next to its field; nothing was stored.</summary>
public sealed record UploadRefusal(string FieldKey, UploadInspector.Refusal Refusal);

public abstract record DraftOutcome
{
    /// <summary>Done (or nothing left to do): go to <paramref name="To"/>, with a notice for the user.</summary>
    public sealed record Moved(string To, string? Notice = null) : DraftOutcome;

    /// <summary>What could be saved is saved; the page again, with the refused uploads and, on submitting, the form's failures.</summary>
    public sealed record Refused(DraftModel Model, IReadOnlyList<UploadRefusal> Uploads, ValidationResult? Form) : DraftOutcome;
}

/// <summary>
/// Filing a request: a draft is started, saved as often as the user likes, then submitted. The
/// draft's id makes submitting idempotent: a double click or a retry finds it already submitted
/// and shows the same request.
/// </summary>
public sealed class Filing(
    AppDbContext db, RequestAccess access, RequestQueries queries, UploadInspector uploads, TrackingNumbers numbers, RequestNotifier notifier,
    IOptions<FilingOptions> options, IOptions<FileStoreOptions> files, TimeProvider clock)
{
    /// <summary>The new draft's id; null when the account has started as many requests today as a day allows.</summary>
    public async Task<Guid?> StartAsync(int procedureVersionId, string userId, int? businessId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (await db.Requests.CountAsync(r => r.ApplicantId == userId && r.CreatedAt >= today, ct) >= options.Value.DraftsPerDay)
        {
            return null;
        }
        var draft = Request.StartDraft(procedureVersionId, userId, businessId, now);
        db.Requests.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }

    /// <summary>Saves what was posted, then submits when asked and complete; null when the user has no such draft.</summary>
    public async Task<DraftOutcome?> SaveAsync(DraftCommand command, CancellationToken ct)
    {
        var request = await access.FindDraftAsync(command.DraftId, ct);
        if (request is null)
        {
            return null;
        }
        if (!request.IsEditableByApplicant)
        {
            // Submitted already (a double click, a retry): one request, shown as it is.
            return new DraftOutcome.Moved(AfterSubmission(request));
        }
        // The page shows the fees as they stood before this post (the user saves again to recalculate).
        var model = await queries.DraftModelAsync(request, ct);
        var now = clock.GetUtcNow();
        var answers = Answers(model.Fields, command.Values);
        // An answer longer than its field takes is not saved: it gets its message, the rest is kept.
        var tooLong = FormValidator.TooLong(model.Fields, answers);
        foreach (var failure in tooLong.Errors)
        {
            answers.Remove(failure.PropertyName);
        }
        request.SaveAnswers(answers, now);
        var refused = await AttachAsync(request, model.Fields, command, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new DraftOutcome.Moved(RequestPaths.Draft(request.Id), "Ce brouillon a été modifié ailleurs entre-temps : voici sa dernière version.");
        }
        if (command.Action == DraftAction.Save)
        {
            return refused.Count > 0 || !tooLong.IsValid ? new DraftOutcome.Refused(model, refused, tooLong.IsValid ? null : tooLong)
                : new DraftOutcome.Moved(RequestPaths.Draft(request.Id), "Brouillon enregistré. Vous pouvez revenir le compléter plus tard depuis « Mes demandes ».");
        }
        var validation = await new FormValidator(model.Fields, DateOnly.FromDateTime(now.UtcDateTime)).ValidateAsync(Submission(request, model.Applicant), ct);
        // A refused upload already has its message; the form's own check would only repeat "attach it".
        var failures = new ValidationResult(tooLong.Errors.Concat(validation.Errors.Where(e =>
            refused.All(r => r.FieldKey != e.PropertyName) && tooLong.Errors.All(t => t.PropertyName != e.PropertyName))));
        if (!request.IsBeingCorrected && (model with { Today = DateOnly.FromDateTime(now.UtcDateTime) }).Ineligible is { } ineligible)
        {
            // The office's own words, atop the page (DraftModel.Ineligible): the applicant is stopped
            // before filing, whatever else is missing, with all they typed saved.
            failures.Errors.Add(new ValidationFailure(DraftModel.IneligibleKey, ineligible));
        }
        if (refused.Count > 0 || !failures.IsValid)
        {
            return new DraftOutcome.Refused(model, refused, failures);
        }
        return await SubmitAsync(request, model, command.UserId, now, ct);
    }

    /// <summary>Where a submitted request is shown: its payment page while a fee is due.</summary>
    public static string AfterSubmission(Request request) => request.Status == RequestStatus.AwaitingPayment
        ? PaymentPaths.Pay(request.TrackingNumber!)
        : request.TrackingNumber is null ? RequestPaths.Mine : RequestPaths.Details(request.TrackingNumber);

    private async Task<DraftOutcome> SubmitAsync(Request request, DraftModel model, string userId, DateTimeOffset now, CancellationToken ct)
    {
        if (request.IsBeingCorrected)
        {
            request.Resubmit(userId, now);
            await notifier.StatusChangedAsync(request, model.Version.Title, ct);
            await db.SaveChangesAsync(ct);
            return new DraftOutcome.Moved(RequestPaths.Details(request.TrackingNumber!), "Vos corrections sont envoyées au service.");
        }
        var number = await numbers.NextAsync(ct);
        var quote = FeeQuote.For(model.Version.Fees, model.Version.Form, request.Answers, model.Applicant, DateOnly.FromDateTime(now.UtcDateTime));
        request.Submit(userId, feeDue: quote.IsDueNow, () => number, await db.TargetDaysAsync(request.ProcedureVersionId, ct), now);
        await notifier.StatusChangedAsync(request, model.Version.Title, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new DraftOutcome.Moved(RequestPaths.Mine);
        }
        return request.Status == RequestStatus.AwaitingPayment
            ? new DraftOutcome.Moved(AfterSubmission(request), "Votre demande est enregistrée. Payez les frais pour qu'elle soit transmise au service.")
            : new DraftOutcome.Moved(RequestPaths.Details(request.TrackingNumber!), "Votre demande est déposée. Gardez son numéro de suivi et son code de contrôle.");
    }

    /// <summary>The answers posted, by key: each field's, and for a repeatable group its number of blocks and each block's answers ("name.2").</summary>
    public static Dictionary<string, string?> Answers(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, StringValues> values)
    {
        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => f.Group is null && f.Type is not (FieldType.File or FieldType.Section)))
        {
            answers[field.Key] = Posted(field, field.Key, values);
            if (field.Type != FieldType.Group)
            {
                continue;
            }
            foreach (var (member, key) in FormDefinition.Items(fields, field, FormDefinition.ItemBounds(field).Max))
            {
                if (values.ContainsKey(key))
                {
                    answers[key] = Posted(member, key, values);
                }
            }
        }
        return answers;
    }

    private static string? Posted(FormField field, string name, IReadOnlyDictionary<string, StringValues> values) =>
        field.Type == FieldType.MultipleChoice
            ? FormSubmission.JoinChoices(values.GetValueOrDefault(name).Where(v => v is not null)!)
            : values.GetValueOrDefault(name).FirstOrDefault();

    /// <summary>Removes and attaches the documents of the file fields the applicant may change; returns the refused uploads.</summary>
    private async Task<List<UploadRefusal>> AttachAsync(Request request, IEnumerable<FormField> fields, DraftCommand command, DateTimeOffset now, CancellationToken ct)
    {
        var refused = new List<UploadRefusal>();
        var stored = request.Attachments.Sum(a => a.Size);
        foreach (var field in fields.Where(f => f.Type == FieldType.File && request.ApplicantMayChange(f.Key)))
        {
            if (command.Values.GetValueOrDefault($"remove-{field.Key}") == "1")
            {
                request.RemoveAttachment(field.Key, now);
            }
            var upload = command.Files.GetFile($"file-{field.Key}");
            if (upload is null || upload.Length == 0 && string.IsNullOrEmpty(upload.FileName))
            {
                continue;
            }
            if (stored + upload.Length > files.Value.MaxBytesPerRequest)
            {
                refused.Add(new UploadRefusal(field.Key, new UploadInspector.Refusal(
                    "Les documents d'une demande ne peuvent pas dépasser {0} Mo au total. Réduisez ce fichier (scan en 150 ppp, photo moins lourde) puis réessayez.",
                    files.Value.MaxMegabytesPerRequest)));
                continue;
            }
            var (file, refusal) = await uploads.InspectAndStoreAsync(upload, ct);
            if (refusal is not null)
            {
                refused.Add(new UploadRefusal(field.Key, refusal));
                continue;
            }
            stored += file!.Size;
            request.Attach(field.Key, file.FileName, file.ContentType, file.Size, file.Sha256, file.StorageKey, command.UserId, now);
        }
        return refused;
    }

    private static FormSubmission Submission(Request request, Audience applicant) => new(
        request.Answers,
        request.Attachments.Where(a => a.IsCurrent).Select(a => a.FieldKey).ToHashSet(),
        applicant);
}
