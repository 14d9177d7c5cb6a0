namespace ServicePublic.Web.Features.Catalogue;

/// <summary>Reads of the public catalogue: search with filters and counts, one procedure, ministries.</summary>
public sealed class CatalogueQueries(AppDbContext db)
{
    public async Task<CatalogueResult> SearchAsync(CatalogueFilter filter, CancellationToken ct = default)
    {
        var matching = Matching(filter.Query);
        var filtered = ByCategory(ByAudience(ByMinistry(matching, filter.Ministry), filter.Audience), filter.Category);

        var total = await filtered.CountAsync(ct);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)CatalogueFilter.PageSize));
        var page = Math.Min(filter.Page, pageCount);

        var ordered = filter.Query is null
            ? filtered.OrderByDescending(m => m.Version.Procedure.Popularity).ThenBy(m => m.Version.Title)
            : filtered.OrderByDescending(m => m.Rank).ThenByDescending(m => m.Version.Procedure.Popularity);
        var items = await ordered
            .Skip((page - 1) * CatalogueFilter.PageSize)
            .Take(CatalogueFilter.PageSize)
            .Select(m => m.Version)
            .Include(v => v.Procedure).ThenInclude(p => p.Ministry)
            .Include(v => v.Procedure).ThenInclude(p => p.Category)
            .AsNoTracking()
            .ToListAsync(ct);

        // Each list of choices counts what the other filters leave, so combining never leads to nothing unknowingly.
        var ministryCounts = await ByCategory(ByAudience(matching, filter.Audience), filter.Category)
            .GroupBy(m => m.Version.Procedure.Ministry.Code).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var categoryCounts = await ByAudience(ByMinistry(matching, filter.Ministry), filter.Audience)
            .GroupBy(m => m.Version.Procedure.Category.Slug).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var audienceCounts = await ByCategory(ByMinistry(matching, filter.Ministry), filter.Category)
            .GroupBy(m => m.Version.Audience).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var ministries = await db.Ministries.AsNoTracking().OrderBy(m => m.Name)
            .Select(m => new FacetOption(m.Code, m.Name, 0)).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new FacetOption(c.Slug, c.Name, 0)).ToListAsync(ct);
        int AudienceCount(Audience a) => audienceCounts.GetValueOrDefault(a) + audienceCounts.GetValueOrDefault(Audience.Both);

        return new CatalogueResult(
            filter with { Page = page },
            items,
            total,
            pageCount,
            [.. ministries.Select(m => m with { Count = ministryCounts.GetValueOrDefault(m.Value) })],
            [.. categories.Select(c => c with { Count = categoryCounts.GetValueOrDefault(c.Value) })],
            AudienceCount(Audience.Individuals),
            AudienceCount(Audience.Companies));
    }

    public Task<ProcedureVersion?> FindProcedureAsync(string slug, CancellationToken ct = default) =>
        db.ProcedureVersions.AsNoTracking()
            .Where(v => v.IsCurrent && v.Procedure.Slug == slug)
            .Include(v => v.Procedure).ThenInclude(p => p.Ministry)
            .Include(v => v.Procedure).ThenInclude(p => p.Office)
            .Include(v => v.Procedure).ThenInclude(p => p.Category)
            .SingleOrDefaultAsync(ct);

    public Task<List<ProcedureVersion>> MostRequestedAsync(int count, CancellationToken ct = default) =>
        db.ProcedureVersions.AsNoTracking()
            .Where(v => v.IsCurrent && v.Procedure.Status == ProcedureStatus.Active)
            .OrderByDescending(v => v.Procedure.Popularity).ThenBy(v => v.Title)
            .Take(count)
            .Include(v => v.Procedure).ThenInclude(p => p.Ministry)
            .ToListAsync(ct);

    public Task<List<MinistrySummary>> MinistriesAsync(CancellationToken ct = default) =>
        db.Ministries.AsNoTracking()
            .OrderBy(m => m.Name)
            .Select(m => new MinistrySummary(
                m.Code, m.Acronym, m.Name, m.Description,
                db.Procedures.Count(p => p.MinistryId == m.Id)))
            .ToListAsync(ct);

    public async Task<MinistryPage?> FindMinistryAsync(string code, CancellationToken ct = default)
    {
        var ministry = await db.Ministries.AsNoTracking().Include(m => m.Offices)
            .SingleOrDefaultAsync(m => m.Code == code.ToUpperInvariant(), ct);
        if (ministry is null)
        {
            return null;
        }
        var procedures = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.IsCurrent && v.Procedure.MinistryId == ministry.Id)
            .Include(v => v.Procedure).ThenInclude(p => p.Category)
            .Include(v => v.Procedure).ThenInclude(p => p.Office)
            .OrderBy(v => v.Procedure.Category.Name).ThenByDescending(v => v.Procedure.Popularity).ThenBy(v => v.Title)
            .ToListAsync(ct);
        return new MinistryPage(ministry, procedures);
    }

    private IQueryable<Match> Matching(string? query) => query is null
        ? db.ProcedureVersions.Where(v => v.IsCurrent).Select(v => new Match { Version = v, Rank = 0 })
        : from v in db.ProcedureVersions
          join hit in db.SearchProcedureVersions(query) on v.Id equals hit.VersionId
          select new Match { Version = v, Rank = hit.Rank };

    private static IQueryable<Match> ByMinistry(IQueryable<Match> source, string? code) =>
        code is null ? source : source.Where(m => m.Version.Procedure.Ministry.Code == code);

    private static IQueryable<Match> ByAudience(IQueryable<Match> source, Audience? audience) =>
        audience is null ? source : source.Where(m => m.Version.Audience == audience || m.Version.Audience == Audience.Both);

    private static IQueryable<Match> ByCategory(IQueryable<Match> source, string? slug) =>
        slug is null ? source : source.Where(m => m.Version.Procedure.Category.Slug == slug);

    private sealed class Match
    {
        public required ProcedureVersion Version { get; init; }
        public double Rank { get; init; }
    }
}

public sealed record FacetOption(string Value, string Label, int Count);

public sealed record CatalogueResult(
    CatalogueFilter Filter,
    IReadOnlyList<ProcedureVersion> Items,
    int Total,
    int PageCount,
    IReadOnlyList<FacetOption> Ministries,
    IReadOnlyList<FacetOption> Categories,
    int IndividualsCount,
    int CompaniesCount);

public sealed record MinistrySummary(string Code, string Acronym, string Name, string Description, int ProcedureCount);

public sealed record MinistryPage(Ministry Ministry, IReadOnlyList<ProcedureVersion> Procedures);
