using System.Security.Claims;
using ServicePublic.Web.Domain.Edition;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

/// <summary>A procedure open in the builder: its draft (null until the first edit of a published one) and the definition being written.</summary>
public sealed record Workbench(Procedure Procedure, ProcedureDraft? Draft, ProcedureEntry Entry)
{
    /// <summary>What a form posts back to show which draft it edited: the draft's xmin, 0 before there is one.</summary>
    public uint Token => Draft?.Version ?? 0;

    public string Slug => Procedure.Slug;
}

/// <summary>An edit refused because someone else saved the draft meanwhile: who, when, and the token that would overwrite theirs.</summary>
public sealed record EditConflict(string EditedBy, DateTimeOffset EditedAt, uint Token);

/// <summary>
/// Where editors work: the procedures of their ministry (an administrator's: every ministry's),
/// each with at most one draft, saved with the token of the draft it was read from so that the
/// second of two editors saving at once is told rather than silently overwriting the first.
/// </summary>
public sealed class Workshop(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The ministry the user edits for; null for an administrator (every ministry) and for an account without one.</summary>
    public async Task<int?> MinistryOfAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return null;
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.Users.Where(u => u.Id == id).Select(u => u.MinistryId).SingleOrDefaultAsync(ct) ?? -1;
    }

    /// <summary>A procedure the user may edit, with its ministry, office, category and versions; null (404) for another ministry's.</summary>
    public async Task<Procedure?> FindAsync(string slug, ClaimsPrincipal user, CancellationToken ct)
    {
        var ministry = await MinistryOfAsync(user, ct);
        return await Procedures().SingleOrDefaultAsync(p => p.Slug == slug && (ministry == null || p.MinistryId == ministry), ct);
    }

    /// <summary>Procedures with what the builder reads of them: ministry and offices, office, category, every version.</summary>
    public IQueryable<Procedure> Procedures() => db.Procedures
        .Include(p => p.Ministry).ThenInclude(m => m.Offices)
        .Include(p => p.Office)
        .Include(p => p.Category)
        .Include(p => p.Versions)
        .AsSplitQuery();

    /// <summary>The full name of whoever last saved the draft (null without a draft).</summary>
    public async Task<string?> EditedByAsync(ProcedureDraft? draft, CancellationToken ct) =>
        draft is null ? null : await db.Users.Where(u => u.Id == draft.EditedById).Select(u => u.FullName).FirstOrDefaultAsync(ct);

    public async Task<Workbench?> OpenAsync(string slug, ClaimsPrincipal user, CancellationToken ct) =>
        await FindAsync(slug, user, ct) is { } procedure ? await OpenAsync(procedure, ct) : null;

    public async Task<Workbench> OpenAsync(Procedure procedure, CancellationToken ct)
    {
        var draft = await db.ProcedureDrafts.SingleOrDefaultAsync(d => d.ProcedureId == procedure.Id, ct);
        var entry = draft is not null ? Definitions.Read(draft.Definition)
            : Definitions.Of(procedure, LatestVersion(procedure)
                ?? throw new InvalidOperationException($"Procedure {procedure.Slug} has neither a draft nor a version."));
        return new Workbench(procedure, draft, entry);
    }

    /// <summary>The current version, or for an archived procedure the last one.</summary>
    public static ProcedureVersion? LatestVersion(Procedure procedure) =>
        procedure.CurrentVersion ?? procedure.Versions.OrderByDescending(v => v.Number).FirstOrDefault();

    /// <summary>
    /// Saves <paramref name="entry"/> as the draft if the draft is still the one read with
    /// <paramref name="token"/>; otherwise saves nothing and says who saved meanwhile.
    /// </summary>
    public async Task<EditConflict?> SaveAsync(Workbench bench, uint token, ProcedureEntry entry, string part, ClaimsPrincipal user, CancellationToken ct)
    {
        var editorId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = clock.GetUtcNow();
        var definition = Definitions.Write(entry);
        var draft = bench.Draft;
        if (token != bench.Token)
        {
            return await ConflictAsync(bench.Procedure, ct);
        }
        if (draft is null)
        {
            draft = new ProcedureDraft(bench.Procedure, LatestVersion(bench.Procedure)?.Number, definition, editorId, now);
            db.ProcedureDrafts.Add(draft);
        }
        else
        {
            draft.Edit(definition, editorId, now);
            db.Entry(draft).Property(d => d.Version).OriginalValue = token;
        }
        try
        {
            await audit.RecordAsync(AuditActions.ProcedureDraftSaved, bench.Slug, $"{bench.Procedure.Ministry.Code}: {part}", ct: ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || (e is DbUpdateException u && u.IsUniqueViolation()))
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(bench.Procedure, ct);
        }
        return null;
    }

    private async Task<EditConflict> ConflictAsync(Procedure procedure, CancellationToken ct)
    {
        var current = await db.ProcedureDrafts.AsNoTracking().Where(d => d.ProcedureId == procedure.Id)
            .Select(d => new { d.Version, d.EditedAt, Name = db.Users.Where(u => u.Id == d.EditedById).Select(u => u.FullName).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        return current is null
            ? new EditConflict("un publicateur", clock.GetUtcNow(), 0) // published and cleared meanwhile
            : new EditConflict(current.Name ?? "un rédacteur", current.EditedAt, current.Version);
    }
}
