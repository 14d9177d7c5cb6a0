using ServicePublic.Web.Domain.Edition;

namespace ServicePublic.Web.Features.Edition;

/// <summary>Where a procedure stands in the builder, as its list shows and filters it.</summary>
public enum EditionState
{
    Unpublished,
    Published,
    PublishedWithDraft,
    Scheduled,
    Suspended,
    Archived,
}

public sealed record EditionRow(string Slug, string Title, string Ministry, EditionState State, int? Version, DateTimeOffset? DraftEditedAt, DateTimeOffset? PublishAt);

public sealed record EditionList(IReadOnlyList<EditionRow> Rows, string? Query, EditionState? State, int Total);

public static class EditionLabels
{
    public static string Of(EditionState state) => state switch
    {
        EditionState.Unpublished => "Brouillon, jamais publiée",
        EditionState.Published => "Publiée",
        EditionState.PublishedWithDraft => "Publiée, brouillon en cours",
        EditionState.Scheduled => "Publication programmée",
        EditionState.Suspended => "Suspendue",
        _ => "Archivée",
    };

    /// <summary>The filter's value in the address.</summary>
    public static string Slug(EditionState state) => state switch
    {
        EditionState.Unpublished => "brouillon",
        EditionState.Published => "publiee",
        EditionState.PublishedWithDraft => "en-cours",
        EditionState.Scheduled => "programmee",
        EditionState.Suspended => "suspendue",
        _ => "archivee",
    };

    public static EditionState? Parse(string? slug) =>
        Enum.GetValues<EditionState>().Cast<EditionState?>().FirstOrDefault(s => Slug(s!.Value) == slug);

    public static EditionState StateOf(ProcedureStatus status, ProcedureDraft? draft) => status switch
    {
        ProcedureStatus.Unpublished => EditionState.Unpublished,
        ProcedureStatus.Archived => EditionState.Archived,
        ProcedureStatus.Suspended => EditionState.Suspended,
        _ when draft?.PublishAt is not null => EditionState.Scheduled,
        _ when draft is not null => EditionState.PublishedWithDraft,
        _ => EditionState.Published,
    };
}

public sealed class EditionQueries(AppDbContext db)
{
    /// <summary>A ministry's procedures (every ministry's for <paramref name="ministryId"/> null), filtered by words of the title or slug and by state.</summary>
    public async Task<EditionList> ListAsync(int? ministryId, string? query, EditionState? state, CancellationToken ct)
    {
        var procedures = await db.Procedures.AsNoTracking()
            .Where(p => ministryId == null || p.MinistryId == ministryId)
            .Select(p => new
            {
                p.Slug, p.Status, Ministry = p.Ministry.Acronym,
                Current = p.Versions.OrderByDescending(v => v.Number).Select(v => new { v.Title, v.Number }).FirstOrDefault(),
                Draft = db.ProcedureDrafts.FirstOrDefault(d => d.ProcedureId == p.Id),
            })
            .ToListAsync(ct);
        var rows = procedures.Select(p => new EditionRow(
                p.Slug, p.Draft is not null ? Definitions.Read(p.Draft.Definition).Title : p.Current?.Title ?? p.Slug, p.Ministry,
                EditionLabels.StateOf(p.Status, p.Draft), p.Current?.Number, p.Draft?.EditedAt, p.Draft?.PublishAt))
            .OrderBy(r => r.Title, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true))
            .ToList();
        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shown = rows.Where(r => (state is null || r.State == state)
            && words.All(w => Folded(r.Title).Contains(Folded(w), StringComparison.Ordinal) || r.Slug.Contains(Folded(w), StringComparison.Ordinal))).ToList();
        return new EditionList(shown, query, state, rows.Count);
    }

    private static string Folded(string text) => Domain.Forms.FormConventions.KeyFor(text, 1000);
}
