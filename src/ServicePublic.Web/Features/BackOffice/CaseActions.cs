using System.Globalization;
using ServicePublic.Web.Features.Documents;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>
/// Every clerk action on a request, through the request's own methods (which check the move
/// against <see cref="RequestTransitions"/>), audited, notified to the applicant, saved at once.
/// A refusal is a <see cref="BusinessRuleException"/> with a French message and, when it is about
/// one input, that input's name (<see cref="CaseCommand.InputOf"/>); two clerks acting at once end
/// in a <see cref="DbUpdateConcurrencyException"/> for the second (PostgreSQL's xmin, checked under
/// the row's lock before anything is written).
/// </summary>
public sealed class CaseActions(AppDbContext db, BackOfficeScope scope, RequestNotifier notifier, AuditLog audit, Refunds refunds, IssuedDocuments documents, TimeProvider clock)
{
    /// <summary>
    /// Applies one action to a request the clerk may see, as <see cref="CaseQueries"/> loads it (tracked, with
    /// its version and events); false when it changed nothing.
    /// </summary>
    public async Task<bool> ApplyAsync(Clerk clerk, Request request, CaseCommand command, CancellationToken ct)
    {
        var version = request.ProcedureVersion;
        var statusBefore = request.Status;
        string? details;
        try
        {
            details = await ChangeAsync(clerk, request, version, command, clock.GetUtcNow(), ct);
        }
        catch (IllegalTransitionException)
        {
            throw new BusinessRuleException("Cette action n'est pas possible dans l'état actuel de la demande.");
        }
        catch (BusinessRuleException refused) when (refused.Field is not null)
        {
            throw new BusinessRuleException(refused.Message, CaseCommand.InputOf(refused.Field));
        }
        if (details is null)
        {
            return false;
        }
        if (request.Status != statusBefore)
        {
            await notifier.StatusChangedAsync(request, version.Title, ct);
        }
        else if (command.Operation == CaseOperation.Message)
        {
            await notifier.OfficeMessageAsync(request, version.Title, ct);
        }
        // Saves the request with its audit entry, once its row is locked as this clerk saw it.
        await audit.RecordAsync(command.Operation.AuditAction(), request.Id.ToString(), $"{request.TrackingNumber} : {details}", clerk.Id, ct,
            first: token => LockAsSeenAsync(request, token));
        if (request.Status == RequestStatus.Rejected)
        {
            await refunds.RefundRejectedAsync(request, ct);
        }
        return true;
    }

    /// <summary>Changes the request as asked; returns what the audit says of it, or null when there was nothing to do.</summary>
    private async Task<string?> ChangeAsync(Clerk clerk, Request request, ProcedureVersion version, CaseCommand command, DateTimeOffset now, CancellationToken ct)
    {
        switch (command.Operation)
        {
            case CaseOperation.Take:
                if (request.AssignedClerkId == clerk.Id)
                {
                    return null;
                }
                request.AssignTo(clerk.Id, now);
                return "pris en charge";
            case CaseOperation.Assign:
                if (!clerk.IsSupervisor)
                {
                    throw new BusinessRuleException("Seul un superviseur peut attribuer une demande à un autre agent.");
                }
                var colleagues = await scope.ColleaguesAsync(clerk, ct);
                if (command.Agent is null || colleagues.All(c => c.Id != command.Agent))
                {
                    throw new BusinessRuleException("Choisissez un agent de votre ministère.");
                }
                request.AssignTo(command.Agent, now);
                return $"attribué à {colleagues.First(c => c.Id == command.Agent).Name}";
            case CaseOperation.StartReview:
                request.StartReview(clerk.Id, now);
                return "instruction commencée";
            case CaseOperation.AskForCorrection:
                request.AskForCorrection(clerk.Id, version.CorrectableKeys(command.Fields ?? []), command.Reason?.Trim() ?? "", now);
                return $"complément demandé : {string.Join(", ", request.FieldsToCorrect)}";
            case CaseOperation.Approve:
                await RequirePaymentAsync(request, version, ct);
                request.Approve(clerk.Id, string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim(), now);
                // Saved with the approval: never one without the other.
                var document = await documents.IssueAsync(request, clerk.Id, ct);
                return $"approuvée, document {document.Number} délivré";
            case CaseOperation.Reject:
                request.Reject(clerk.Id, command.Reason?.Trim() ?? "", now);
                return "rejetée";
            case CaseOperation.Message:
            case CaseOperation.Note:
                var note = command.Operation == CaseOperation.Note;
                request.WriteFromOffice(clerk.Id, command.Text ?? "", internalNote: note, now);
                return note ? "note interne" : "message au demandeur";
            default:
                throw new BusinessRuleException("Action inconnue.");
        }
    }

    /// <summary>
    /// Locks the request's row for this transaction if it is still the version the clerk acted on,
    /// else throws the <see cref="DbUpdateConcurrencyException"/> its save would have. A clerk acting
    /// at the same moment waits here for the first to commit, then finds the row changed: before any
    /// of its own rows is written (an approval's issued document would otherwise meet the first's at
    /// its unique index, an error in the log instead of a race lost).
    /// </summary>
    private async Task LockAsSeenAsync(Request request, CancellationToken ct)
    {
        var seen = request.Version.ToString(CultureInfo.InvariantCulture);
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM requests WHERE id = {request.Id} AND xmin::text = {seen} FOR UPDATE")
            .ToListAsync(ct);
        if (locked.Count == 0)
        {
            throw new DbUpdateConcurrencyException("La demande a changé depuis qu'elle a été lue.");
        }
    }

    /// <summary>A request whose procedure charges a fee at filing is decided only once the fee is paid.</summary>
    private async Task RequirePaymentAsync(Request request, ProcedureVersion version, CancellationToken ct)
    {
        if (!FeeQuote.For(version.Fees, version.Form, request.Answers, request.ApplicantKind, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).IsDueNow)
        {
            return;
        }
        if (!await db.Payments.AnyAsync(p => p.RequestId == request.Id && p.Status == PaymentStatus.Succeeded, ct))
        {
            throw new BusinessRuleException("Le paiement des frais n'est pas confirmé : la demande ne peut pas être approuvée.");
        }
    }
}
