using ServicePublic.Web.Infrastructure.Files;

namespace ServicePublic.Web.Features.Requests;

/// <summary>One request as its applicant sees it: status, timeline, documents, and withdrawing it.</summary>
[Authorize]
public sealed class RequestDetailsController(RequestAccess access, RequestQueries queries, AppDbContext db, IFileStore files, UploadInspector uploads, RequestNotifier notifier, TimeProvider clock) : Controller
{
    private string UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;

    [HttpGet("/demandes/{trackingNumber}")]
    public async Task<IActionResult> Details(string trackingNumber, CancellationToken ct)
    {
        var request = await access.FindByTrackingNumberAsync(trackingNumber, ct);
        if (request is null)
        {
            return NotFound();
        }
        return View(await queries.DetailsAsync(request, ct));
    }

    /// <summary>The applicant writes to the office, optionally with one document; on error, what was typed stays.</summary>
    [HttpPost("/demandes/{trackingNumber}/messages")]
    [RequestSizeLimit(16 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 16 * 1024 * 1024)]
    public async Task<IActionResult> Message(string trackingNumber, string? body, IFormFile? file, CancellationToken ct)
    {
        var request = await access.FindByTrackingNumberAsync(trackingNumber, ct);
        if (request is null)
        {
            return NotFound();
        }
        RequestMessage message;
        try
        {
            message = request.WriteToOffice(UserId, body ?? "", clock.GetUtcNow());
        }
        catch (BusinessRuleException ex)
        {
            this.AddError("body", ex.Message);
            return View("Details", await queries.DetailsAsync(request, ct));
        }
        if (file is { Length: > 0 })
        {
            var (accepted, refusal) = await uploads.InspectAndStoreAsync(file, ct);
            if (refusal is not null)
            {
                this.AddError("file", refusal.Template, refusal.Arguments);
                request.Messages.Remove(message);
                return View("Details", await queries.DetailsAsync(request, ct));
            }
            message.AttachFile(accepted!.FileName, accepted.ContentType, accepted.Size, accepted.Sha256, accepted.StorageKey);
        }
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = "Votre message est envoyé au service.";
        return Redirect(RequestPaths.DetailsAtMessages(trackingNumber));
    }

    [HttpGet("/demandes/{trackingNumber}/messages/{messageId:guid}/document")]
    public async Task<IActionResult> MessageDocument(string trackingNumber, Guid messageId, CancellationToken ct)
    {
        var request = await access.FindByTrackingNumberAsync(trackingNumber, ct);
        var message = request?.MessagesForApplicant.FirstOrDefault(m => m.Id == messageId);
        if (message?.StorageKey is null)
        {
            return NotFound();
        }
        return File(await files.OpenAsync(message.StorageKey, ct), message.ContentType!, message.FileName);
    }

    [HttpPost("/demandes/{trackingNumber}/retirer")]
    public async Task<IActionResult> Withdraw(string trackingNumber, string? reason, CancellationToken ct)
    {
        var request = await access.FindByTrackingNumberAsync(trackingNumber, ct);
        if (request is null)
        {
            return NotFound();
        }
        try
        {
            request.Withdraw(UserId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), clock.GetUtcNow());
            await notifier.StatusChangedAsync(request, request.ProcedureVersion.Title, ct);
            await db.SaveChangesAsync(ct);
            TempData["Notice"] = "Votre demande est retirée.";
        }
        catch (BusinessRuleException ex)
        {
            this.AddError("reason", ex.Message);
            return View("Details", await queries.DetailsAsync(request, ct));
        }
        catch (IllegalTransitionException)
        {
            TempData["Notice"] = "Cette demande ne peut plus être retirée : une décision a déjà été prise.";
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = "La demande a changé entre-temps : vérifiez son état avant de recommencer.";
        }
        return Redirect(RequestPaths.Details(trackingNumber));
    }

    /// <summary>A document of the request, always as an attachment (never rendered by the browser as a page).</summary>
    [HttpGet("/demandes/{trackingNumber}/documents/{attachmentId:guid}")]
    public async Task<IActionResult> Document(string trackingNumber, Guid attachmentId, CancellationToken ct)
    {
        var request = await access.FindByTrackingNumberAsync(trackingNumber, ct);
        var attachment = request?.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null)
        {
            return NotFound();
        }
        var stream = await files.OpenAsync(attachment.StorageKey, ct);
        return File(stream, attachment.ContentType, attachment.FileName);
    }
}

public sealed record ReceiptLink(string Number, long Amount, bool Refunded);

public sealed record IssuedDocumentLink(string Kind, string Number);

/// <summary>
/// For whom a request was filed, as its page names it: a business with its NIF, or the applicant
/// in person; <see cref="Applicant"/> is who filed it in both cases ("—" for a closed account).
/// </summary>
public sealed record RequestFor(string Applicant, string? Business, string? Nif);

public sealed record RequestPage(Request Request, Domain.Catalogue.ProcedureVersion Version, RequestFor For, IReadOnlyList<ReceiptLink> Receipts, IssuedDocumentLink? IssuedDocument)
{
    /// <summary>The in-person step, for a procedure that has one.</summary>
    public Appointments.AppointmentPanel? Appointment { get; init; }

    public bool CanWithdraw => RequestTransitions.IsAllowed(Request.Status, RequestStatus.Withdrawn, RequestActor.Applicant);
    /// <summary>Messages go both ways while the request is open (see <see cref="Request.WriteToOffice"/>).</summary>
    public bool CanWrite => Request.IsOpen;
}
