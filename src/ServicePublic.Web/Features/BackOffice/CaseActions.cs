using Microsoft.EntityFrameworkCore;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Infrastructure.Auditing;
using ServicePublic.Web.Features.Documents;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>What a clerk typed with an action: the colleague to assign, a reason, the fields to correct, a message.</summary>
public sealed record CaseInput(string? Agent = null, string? Reason = null, IReadOnlyList<string>? Fields = null, string? Text = null);

/// <summary>
/// Every clerk action on a request, through the request's own methods (which check the move
/// against <see cref="RequestTransitions"/>), audited, notified to the applicant, saved at once.
/// A refusal is a <see cref="BusinessRuleException"/> with a French message; two clerks acting at
/// once end in a <see cref="DbUpdateConcurrencyException"/> for the second (PostgreSQL's xmin).
/// </summary>
public sealed class CaseActions(AppDbContext db, BackOfficeScope scope, RequestNotifier notifier, AuditLog audit, Refunds refunds, IssuedDocuments documents, TimeProvider clock)
{
    public static readonly string[] Operations = ["prendre", "attribuer", "instruire", "corriger", "approuver", "rejeter", "message", "note"];

    /// <summary>Applies one action to a request the clerk may see (tracked, with its events); false when it changed nothing.</summary>
    public async Task<bool> ApplyAsync(Clerk clerk, Request request, string operation, CaseInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var version = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == request.ProcedureVersionId)
            .Select(v => new { v.Title, v.Fees, v.Form }).SingleAsync(ct);
        var statusBefore = request.Status;
        string details;
        try
        {
            switch (operation)
            {
                case "prendre":
                    if (request.AssignedClerkId == clerk.Id)
                    {
                        return false;
                    }
                    request.AssignTo(clerk.Id, now);
                    details = "pris en charge";
                    break;
                case "attribuer":
                    if (!clerk.IsSupervisor)
                    {
                        throw new BusinessRuleException("Seul un superviseur peut attribuer une demande à un autre agent.");
                    }
                    var colleagues = await scope.ColleaguesAsync(clerk, ct);
                    if (input.Agent is null || colleagues.All(c => c.Id != input.Agent))
                    {
                        throw new BusinessRuleException("Choisissez un agent de votre ministère.");
                    }
                    request.AssignTo(input.Agent, now);
                    details = $"attribué à {colleagues.First(c => c.Id == input.Agent).Name}";
                    break;
                case "instruire":
                    request.StartReview(clerk.Id, now);
                    details = "instruction commencée";
                    break;
                case "corriger":
                    var known = version.Form.Select(f => f.Key).ToHashSet();
                    request.AskForCorrection(clerk.Id, [.. (input.Fields ?? []).Where(known.Contains).Distinct()], input.Reason?.Trim() ?? "", now);
                    details = $"complément demandé : {string.Join(", ", request.FieldsToCorrect)}";
                    break;
                case "approuver":
                    await RequirePaymentAsync(request, version.Fees, ct);
                    request.Approve(clerk.Id, string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(), now);
                    // Saved with the approval below: never one without the other.
                    var document = await documents.IssueAsync(request, clerk.Id, ct);
                    details = $"approuvée, document {document.Number} délivré";
                    break;
                case "rejeter":
                    request.Reject(clerk.Id, input.Reason?.Trim() ?? "", now);
                    details = "rejetée";
                    break;
                case "message":
                case "note":
                    request.WriteFromOffice(clerk.Id, input.Text ?? "", internalNote: operation == "note", now);
                    details = operation == "note" ? "note interne" : "message au demandeur";
                    break;
                default:
                    throw new BusinessRuleException("Action inconnue.");
            }
        }
        catch (IllegalTransitionException)
        {
            throw new BusinessRuleException("Cette action n'est pas possible dans l'état actuel de la demande.");
        }
        if (request.Status != statusBefore)
        {
            await notifier.StatusChangedAsync(request, version.Title, ct);
        }
        else if (operation == "message")
        {
            await notifier.OfficeMessageAsync(request, version.Title, ct);
        }
        // Saves the request with its audit entry; a concurrent change surfaces here.
        await audit.RecordAsync(AuditActions.ForCaseOperation(operation), request.Id.ToString(), $"{request.TrackingNumber} : {details}", clerk.Id, ct);
        if (request.Status == RequestStatus.Rejected)
        {
            await refunds.RefundRejectedAsync(request, ct);
        }
        return true;
    }

    /// <summary>A request whose procedure charges a fee at filing is decided only once the fee is paid.</summary>
    private async Task RequirePaymentAsync(Request request, List<FeeItem> fees, CancellationToken ct)
    {
        if (!FeeQuote.For(fees, request.Answers, request.ApplicantKind).IsDueNow)
        {
            return;
        }
        if (!await db.Payments.AnyAsync(p => p.RequestId == request.Id && p.Status == PaymentStatus.Succeeded, ct))
        {
            throw new BusinessRuleException("Le paiement des frais n'est pas confirmé : la demande ne peut pas être approuvée.");
        }
    }
}
