using ServicePublic.Web.Domain.Edition;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Features.Edition;

/// <summary>
/// Publishing a draft: version n+1 of the procedure, every older version kept (filed requests stay
/// on theirs), the applicants' drafts moved to it with every answer whose field still exists with
/// the same type, and the draft gone. The catalogue's pages are evicted on every node by the save
/// itself (<c>CatalogueChangeNotifier</c>), and search reads the new version at once.
/// </summary>
public sealed class Publication(AppDbContext db, AuditLog audit, DefinitionChecks checks, TimeProvider clock)
{
    /// <summary>Why it cannot be published by <paramref name="publisherId"/> now; null when it can.</summary>
    public async Task<string?> RefusalAsync(Workbench bench, string publisherId, CancellationToken ct)
    {
        if (bench.Draft is null)
        {
            return "Il n'y a pas de brouillon à publier : la version publiée est à jour.";
        }
        if (!bench.Draft.MayBePublishedBy(publisherId))
        {
            return ProcedureDraft.OwnEditMessage;
        }
        return (await checks.ProblemsAsync(bench.Entry, ct)).Count > 0
            ? "Le brouillon a des problèmes à corriger avant publication : voir la liste ci-dessous."
            : null;
    }

    /// <summary>How many applicants' drafts move to the new version when it is published.</summary>
    public Task<int> DraftsToMoveAsync(Procedure procedure, CancellationToken ct) =>
        db.Requests.CountAsync(r => r.Status == RequestStatus.Draft && r.ProcedureVersion.ProcedureId == procedure.Id, ct);

    /// <summary>Publishes the draft as it was read (<see cref="Workbench.Token"/>); returns the refusal, or null once published.</summary>
    public async Task<string?> PublishAsync(Workbench bench, string publisherId, CancellationToken ct)
    {
        if (await RefusalAsync(bench, publisherId, ct) is { } refusal)
        {
            return refusal;
        }
        var procedure = bench.Procedure;
        var draft = bench.Draft!;
        var category = await db.Categories.SingleAsync(c => c.Slug == bench.Entry.Category, ct);
        try
        {
            await audit.InTransactionAsync(async t =>
            {
                var now = clock.GetUtcNow();
                procedure.Assign(procedure.Ministry, procedure.Ministry.Offices.FirstOrDefault(o => o.Code == bench.Entry.Office), category);
                procedure.SetAvailability(bench.Entry.Online, procedure.Popularity);
                procedure.MarkEditedOnline();
                var version = procedure.Publish(bench.Entry.ToContent(), now);
                // Removing the draft read with this token: an edit saved meanwhile makes the whole publication fail.
                db.Entry(draft).Property(d => d.Version).OriginalValue = bench.Token;
                db.ProcedureDrafts.Remove(draft);
                await db.SaveChangesAsync(t);
                var moved = version is null ? 0 : await MoveDraftsAsync(procedure, version, t);
                await audit.RecordAsync(AuditActions.ProcedurePublished, procedure.Slug,
                    $"{procedure.Ministry.Code}: version {version?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "inchangée"}; {moved} brouillon(s) de demandeurs déplacés",
                    actorId: publisherId, ct: t);
                return moved;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "Le brouillon a été modifié pendant votre relecture : relisez les changements avant de publier.";
        }
        return null;
    }

    /// <summary>
    /// Moves every applicant's draft on an older version to <paramref name="version"/>, one
    /// statement per older version. An answer stays when its field key still exists with the same
    /// type; the answer to a field whose type changed is dropped (it would not fit the new one).
    /// Answers to removed fields stay in the request, unseen, should the field come back.
    /// </summary>
    private async Task<int> MoveDraftsAsync(Procedure procedure, ProcedureVersion version, CancellationToken ct)
    {
        var moved = 0;
        var types = version.Form.ToDictionary(f => f.Key, f => f.Type, StringComparer.Ordinal);
        foreach (var older in procedure.Versions.Where(v => v.Id != version.Id))
        {
            var changed = older.Form.Where(f => types.TryGetValue(f.Key, out var type) && type != f.Type).Select(f => f.Key).ToArray();
            var status = nameof(RequestStatus.Draft);
            moved += await db.Database.ExecuteSqlAsync($"""
                UPDATE requests SET procedure_version_id = {version.Id}, moved_from_version_id = {older.Id}, answers = answers - {changed}
                WHERE procedure_version_id = {older.Id} AND status = {status}
                """, ct);
        }
        return moved;
    }
}
