using Microsoft.Net.Http.Headers;
using ServicePublic.Web.Infrastructure.Files;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>
/// One request as a clerk works it: applicant, answers, documents, payment, timeline, messages
/// and internal notes, and the actions its status allows. Another ministry's request is a 404.
/// </summary>
[Authorize(Policy = Policies.BackOffice)]
public sealed class CaseController(AppDbContext db, CaseQueries queries, CaseActions actions, IFileStore files) : Controller
{
    private const string ChangedMeanwhile = "Ce dossier vient d'être modifié par quelqu'un d'autre : voici son état actuel. Refaites votre action si elle est toujours utile.";

    [HttpGet("/agent/demandes/{trackingNumber}")]
    public async Task<IActionResult> Case(string trackingNumber, CancellationToken ct)
    {
        var (clerk, request) = await queries.FindAsync(trackingNumber, ct);
        return request is null ? NotFound() : View(await queries.PageAsync(clerk!, request, null, ct));
    }

    [HttpPost("/agent/demandes/{trackingNumber}")]
    public async Task<IActionResult> Act(string trackingNumber, [ModelBinder(typeof(CaseOperationBinder))] CaseOperation? operation, uint version,
        string? motif, string[]? champs, string? agent, string? texte, CancellationToken ct)
    {
        var (clerk, request) = await queries.FindAsync(trackingNumber, ct);
        if (request is null)
        {
            return NotFound();
        }
        if (request.Version != version)
        {
            TempData["Notice"] = ChangedMeanwhile;
            return Redirect(BackOfficePaths.Case(trackingNumber));
        }
        var command = operation is { } known ? new CaseCommand(known, agent, motif, champs, texte) : null;
        try
        {
            await actions.ApplyAsync(clerk!, request, command ?? throw new BusinessRuleException("Action inconnue."), ct);
        }
        catch (BusinessRuleException ex)
        {
            // Next to the input it concerns (a reason, a message), else above everything.
            this.AddError(ex.Field ?? "", ex.Message);
            db.ChangeTracker.Clear();
            var (_, fresh) = await queries.FindAsync(trackingNumber, ct);
            return View("Case", await queries.PageAsync(clerk!, fresh!, command, ct));
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = ChangedMeanwhile;
            return Redirect(BackOfficePaths.Case(trackingNumber));
        }
        TempData["Notice"] = "C'est enregistré.";
        return Redirect(BackOfficePaths.Case(trackingNumber));
    }

    /// <summary>A document of the request: shown in the browser (PDF, images), or downloaded with ?telecharger=true.</summary>
    [HttpGet("/agent/demandes/{trackingNumber}/documents/{attachmentId:guid}")]
    public async Task<IActionResult> Document(string trackingNumber, Guid attachmentId, bool telecharger, CancellationToken ct)
    {
        var (_, request) = await queries.FindAsync(trackingNumber, ct);
        var attachment = request?.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null)
        {
            return NotFound();
        }
        var stream = await files.OpenAsync(attachment.StorageKey, ct);
        if (telecharger)
        {
            return File(stream, attachment.ContentType, attachment.FileName);
        }
        // Only PDF, JPEG and PNG are ever stored (checked by content on upload): safe to show inline.
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(attachment.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        return File(stream, attachment.ContentType);
    }
}
