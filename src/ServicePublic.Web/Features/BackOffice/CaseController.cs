using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Infrastructure.Files;
using ServicePublic.Web.Features.Shared;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>
/// One request as a clerk works it: applicant, answers, documents, payment, timeline, messages
/// and internal notes, and the actions its status allows. Another ministry's request is a 404.
/// </summary>
[Authorize(Policy = Policies.BackOffice)]
public sealed class CaseController(AppDbContext db, BackOfficeScope scope, CaseActions actions, IFileStore files) : Controller
{
    private const string ChangedMeanwhile = "Ce dossier vient d'être modifié par quelqu'un d'autre : voici son état actuel. Refaites votre action si elle est toujours utile.";

    [HttpGet("/agent/demandes/{trackingNumber}")]
    public async Task<IActionResult> Case(string trackingNumber, CancellationToken ct)
    {
        var (clerk, request) = await FindAsync(trackingNumber, ct);
        return request is null ? NotFound() : View(await PageAsync(clerk!, request, ct));
    }

    [HttpPost("/agent/demandes/{trackingNumber}")]
    public async Task<IActionResult> Act(string trackingNumber, string? operation, uint version, string? motif, string[]? champs, string? agent, string? texte, CancellationToken ct)
    {
        var (clerk, request) = await FindAsync(trackingNumber, ct);
        if (request is null)
        {
            return NotFound();
        }
        if (request.Version != version)
        {
            TempData["Notice"] = ChangedMeanwhile;
            return Redirect($"/agent/demandes/{trackingNumber}");
        }
        try
        {
            await actions.ApplyAsync(clerk!, request, operation ?? "", new CaseInput(agent, motif, champs, texte), ct);
        }
        catch (BusinessRuleException ex)
        {
            // Next to the field it concerns (a reason, the fields to correct, a message), else above everything.
            var field = operation switch
            {
                "message" or "note" => "texte",
                "rejeter" or "corriger" when ex.Message.Contains("motif", StringComparison.Ordinal) || ex.Message.Contains("champs", StringComparison.Ordinal) => "motif",
                _ => "",
            };
            this.AddError(field, ex.Message);
            ViewData["Operation"] = operation;
            db.ChangeTracker.Clear();
            var (_, fresh) = await FindAsync(trackingNumber, ct);
            return View("Case", await PageAsync(clerk!, fresh!, ct) with { Posted = new CaseInput(agent, motif, champs, texte) });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = ChangedMeanwhile;
            return Redirect($"/agent/demandes/{trackingNumber}");
        }
        TempData["Notice"] = "C'est enregistré.";
        return Redirect($"/agent/demandes/{trackingNumber}");
    }

    /// <summary>A document of the request: shown in the browser (PDF, images), or downloaded with ?telecharger=true.</summary>
    [HttpGet("/agent/demandes/{trackingNumber}/documents/{attachmentId:guid}")]
    public async Task<IActionResult> Document(string trackingNumber, Guid attachmentId, bool telecharger, CancellationToken ct)
    {
        var (_, request) = await FindAsync(trackingNumber, ct);
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

    private async Task<(Clerk? Clerk, Request? Request)> FindAsync(string trackingNumber, CancellationToken ct)
    {
        var clerk = await scope.ClerkAsync(ct);
        if (clerk is null)
        {
            return (null, null);
        }
        var request = await scope.Requests(clerk).Include(r => r.Events).Include(r => r.Attachments).Include(r => r.Messages)
            .SingleOrDefaultAsync(r => r.TrackingNumber == trackingNumber, ct);
        return (clerk, request);
    }

    private async Task<CasePage> PageAsync(Clerk clerk, Request request, CancellationToken ct)
    {
        var version = await db.ProcedureVersions.AsNoTracking().Include(v => v.Procedure).ThenInclude(p => p.Ministry)
            .SingleAsync(v => v.Id == request.ProcedureVersionId, ct);
        var applicant = await db.Users.AsNoTracking().Where(u => u.Id == request.ApplicantId)
            .Select(u => new CaseApplicant(u.FullName, u.Email, u.PhoneNumber, u.NationalId)).SingleAsync(ct);
        var business = request.BusinessId is null ? null : await db.Businesses.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.BusinessId, ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.RequestId == request.Id).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var people = request.Events.Select(e => e.ActorId).Concat(request.Messages.Select(m => (string?)m.AuthorId)).Append(request.AssignedClerkId)
            .Where(id => id is not null).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var colleagues = clerk.IsSupervisor ? await scope.ColleaguesAsync(clerk, ct) : [];
        var document = await db.IssuedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.RequestId == request.Id, ct);
        return new CasePage(clerk, request, version, applicant, business, payments, names, colleagues,
            FeeQuote.For(version.Fees, request.Answers, request.ApplicantKind), null, document);
    }
}

public sealed record CaseApplicant(string FullName, string? Email, string? Phone, string? NationalId);

public sealed record CasePage(Clerk Clerk, Request Request, ProcedureVersion Version, CaseApplicant Applicant, Business? Business,
    IReadOnlyList<Payment> Payments, IReadOnlyDictionary<string, string> Names, IReadOnlyList<(string Id, string Name)> Colleagues,
    FeeQuote Quote, CaseInput? Posted, IssuedDocument? Document)
{
    public bool Can(RequestStatus to) => RequestTransitions.IsAllowed(Request.Status, to, RequestActor.Clerk);

    public bool IsOpen => Request.Status is not RequestStatus.Draft && !RequestTransitions.IsDecided(Request.Status);

    public string Name(string? userId) => userId is not null && Names.TryGetValue(userId, out var name) ? name : "—";
}
