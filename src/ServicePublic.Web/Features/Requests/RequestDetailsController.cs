using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Files;
using ServicePublic.Web.Features.Shared;

namespace ServicePublic.Web.Features.Requests;

/// <summary>One request as its applicant sees it: status, timeline, documents, and withdrawing it.</summary>
[Authorize]
public sealed class RequestDetailsController(RequestAccess access, AppDbContext db, IFileStore files, TimeProvider clock) : Controller
{
    [HttpGet("/demandes/{trackingNumber}")]
    public async Task<IActionResult> Details(string trackingNumber, CancellationToken ct)
    {
        var request = await access.FindByTrackingNumberAsync(trackingNumber, ct);
        if (request is null)
        {
            return NotFound();
        }
        var version = await db.ProcedureVersions.AsNoTracking().Include(v => v.Procedure).ThenInclude(p => p.Ministry)
            .SingleAsync(v => v.Id == request.ProcedureVersionId, ct);
        return View(new RequestPage(request, version));
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
            request.Withdraw(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            TempData["Notice"] = "Votre demande est retirée.";
        }
        catch (IllegalTransitionException)
        {
            TempData["Notice"] = "Cette demande ne peut plus être retirée : une décision a déjà été prise.";
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = "La demande a changé entre-temps : vérifiez son état avant de recommencer.";
        }
        return Redirect($"/demandes/{trackingNumber}");
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

public sealed record RequestPage(Request Request, Domain.Catalogue.ProcedureVersion Version)
{
    public bool CanWithdraw => RequestTransitions.IsAllowed(Request.Status, RequestStatus.Withdrawn, RequestActor.Applicant);
}
