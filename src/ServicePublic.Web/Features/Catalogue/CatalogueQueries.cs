using System.Linq.Expressions;
using Microsoft.Extensions.Caching.Memory;

namespace ServicePublic.Web.Features.Catalogue;

/// <summary>Reads of the public catalogue: search with filters and counts, one procedure, ministries.</summary>
public sealed class CatalogueQueries(AppDbContext db, IMemoryCache cache)
{
    /// <summary>Ministries and categories change only when the catalogue is seeded again (a deployment): a short copy is enough.</summary>
    public static readonly TimeSpan ChoicesCacheFor = TimeSpan.FromMinutes(1);

    private const string ChoicesKey = "catalogue:choices";

    /// <summary>
    /// One read of the (at most a few hundred) current versions that match, with what the filters
    /// look at; filters, the counts beside each list of choices and the page are worked out from
    /// these rows, then one read of the page's cards.
    /// </summary>
    public async Task<CatalogueResult> SearchAsync(CatalogueFilter filter, CancellationToken ct = default)
    {
        var entries = await EntriesAsync(filter.Query, ct);
        bool InMinistry(CatalogueEntry e) => filter.Ministry is null || e.MinistryCode == filter.Ministry;
        bool ForAudience(CatalogueEntry e) => filter.Audience is null || e.Audience == filter.Audience || e.Audience == Audience.Both;
        bool InCategory(CatalogueEntry e) => filter.Category is null || e.CategorySlug == filter.Category;

        var filtered = entries.Where(e => InMinistry(e) && ForAudience(e) && InCategory(e)).ToList();
        var total = filtered.Count;
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)CatalogueFilter.PageSize));
        var page = Math.Min(filter.Page, pageCount);
        var onPage = filtered.Skip((page - 1) * CatalogueFilter.PageSize).Take(CatalogueFilter.PageSize).Select(e => e.VersionId).ToList();
        var items = await CardsAsync(onPage, ct);

        // Each list of choices counts what the other filters leave, so combining never leads to nothing unknowingly.
        var ministryCounts = entries.Where(e => ForAudience(e) && InCategory(e)).CountBy(e => e.MinistryCode).ToDictionary();
        var categoryCounts = entries.Where(e => InMinistry(e) && ForAudience(e)).CountBy(e => e.CategorySlug).ToDictionary();
        var byAudience = entries.Where(e => InMinistry(e) && InCategory(e)).ToList();
        int AudienceCount(Audience a) => byAudience.Count(e => e.Audience == a || e.Audience == Audience.Both);

        var choices = await ChoicesAsync(ct);
        return new CatalogueResult(
            filter with { Page = page },
            items,
            total,
            pageCount,
            [.. choices.Ministries.Select(m => m with { Count = ministryCounts.GetValueOrDefault(m.Value) })],
            [.. choices.Categories.Select(c => c with { Count = categoryCounts.GetValueOrDefault(c.Value) })],
            AudienceCount(Audience.Individuals),
            AudienceCount(Audience.Companies));
    }

    public Task<ProcedurePage?> FindProcedureAsync(string slug, CancellationToken ct = default) =>
        FindProcedureQuery(db, slug, ct);

    public async Task<IReadOnlyList<ProcedureCard>> MostRequestedAsync(int count, CancellationToken ct = default)
    {
        var cards = new List<ProcedureCard>(count);
        await foreach (var card in MostRequestedQuery(db, count).WithCancellation(ct))
        {
            cards.Add(card.Card);
        }
        return cards;
    }

    public async Task<List<MinistrySummary>> MinistriesAsync(CancellationToken ct = default) => await MinistriesQuery(db).ToListAsync(ct);

    public async Task<MinistryPage?> FindMinistryAsync(string code, CancellationToken ct = default)
    {
        var ministry = await FindMinistryQuery(db, code.ToUpperInvariant(), ct);
        if (ministry is null)
        {
            return null;
        }
        var procedures = await MinistryProceduresQuery(db, ministry.Id).ToListAsync(ct);
        return new MinistryPage(ministry, procedures);
    }

    /// <summary>The current versions matching <paramref name="query"/> (all of them without one), in the order the catalogue lists them; the search function runs once.</summary>
    private Task<List<CatalogueEntry>> EntriesAsync(string? query, CancellationToken ct)
    {
        if (query is null)
        {
            return AllEntriesQuery(db).ToListAsync(ct).AsTask();
        }
        var entries =
            from hit in db.SearchProcedureVersions(query)
            join v in db.ProcedureVersions on hit.VersionId equals v.Id
            // The title last, so that ties (a stop word, the same score) keep one order from page to page.
            orderby hit.Rank descending, v.Procedure.Popularity descending, v.Title
            select new CatalogueEntry(v.Id, v.Procedure.Ministry.Code, v.Procedure.Category.Slug, v.Audience);
        return entries.AsNoTracking().ToListAsync(ct);
    }

    /// <summary>The cards of these versions, in this order.</summary>
    private async Task<IReadOnlyList<ProcedureCard>> CardsAsync(List<int> versionIds, CancellationToken ct)
    {
        if (versionIds.Count == 0)
        {
            return [];
        }
        var cards = await CardsQuery(db, versionIds).ToDictionaryAsync(c => c.VersionId, c => c.Card, cancellationToken: ct);
        return [.. versionIds.Select(id => cards[id])];
    }

    // The reads of every page view, compiled once (EF.CompileAsyncQuery): EF neither walks nor looks
    // up their expression trees again on each request (issue 13: the per-request cost of pages).

    private static readonly Func<AppDbContext, string, CancellationToken, Task<ProcedurePage?>> FindProcedureQuery =
        EF.CompileAsyncQuery((AppDbContext db, string slug, CancellationToken ct) =>
            db.ProcedureVersions.AsNoTracking()
                .Where(v => v.IsCurrent && v.Procedure.Slug == slug)
                .Select(v => new ProcedurePage
                {
                    ProcedureId = v.ProcedureId,
                    Slug = v.Procedure.Slug,
                    Status = v.Procedure.Status,
                    SuspensionReason = v.Procedure.SuspensionReason,
                    IsOnline = v.Procedure.IsOnline,
                    MinistryCode = v.Procedure.Ministry.Code,
                    MinistryAcronym = v.Procedure.Ministry.Acronym,
                    MinistryName = v.Procedure.Ministry.Name,
                    OfficeName = v.Procedure.Office == null ? null : v.Procedure.Office.Name,
                    CategorySlug = v.Procedure.Category.Slug,
                    CategoryName = v.Procedure.Category.Name,
                    Number = v.Number,
                    PublishedAt = v.PublishedAt,
                    Title = v.Title,
                    Summary = v.Summary,
                    Description = v.Description,
                    Audience = v.Audience,
                    AudienceConditions = v.AudienceConditions,
                    Conditions = v.Conditions,
                    Steps = v.Steps,
                    Documents = v.Documents,
                    Fees = v.Fees,
                    ProcessingTime = v.ProcessingTime.Text,
                    Validity = v.Validity,
                    LegalBasis = v.LegalBasis,
                })
                .SingleOrDefault());

    private static readonly Expression<Func<ProcedureVersion, KeyedCard>> CardOf = v => new KeyedCard(v.Id, new ProcedureCard(
        v.Procedure.Slug, v.Title, v.Summary, v.Procedure.Ministry.Acronym, v.Audience,
        v.Procedure.Status, v.Procedure.IsOnline, v.Fees));

    private static readonly Func<AppDbContext, int, IAsyncEnumerable<KeyedCard>> MostRequestedQuery =
        EF.CompileAsyncQuery((AppDbContext db, int count) =>
            db.ProcedureVersions.AsNoTracking()
                .Where(v => v.IsCurrent && v.Procedure.Status == ProcedureStatus.Active)
                .OrderByDescending(v => v.Procedure.Popularity).ThenBy(v => v.Title)
                .Take(count)
                .Select(CardOf));

    private static readonly Func<AppDbContext, List<int>, IAsyncEnumerable<KeyedCard>> CardsQuery =
        EF.CompileAsyncQuery((AppDbContext db, List<int> versionIds) =>
            db.ProcedureVersions.AsNoTracking()
                .Where(v => versionIds.Contains(v.Id))
                .Select(CardOf));

    private static readonly Func<AppDbContext, IAsyncEnumerable<CatalogueEntry>> AllEntriesQuery =
        EF.CompileAsyncQuery((AppDbContext db) =>
            db.ProcedureVersions.AsNoTracking()
                .Where(v => v.IsCurrent)
                .OrderByDescending(v => v.Procedure.Popularity).ThenBy(v => v.Title)
                .Select(v => new CatalogueEntry(v.Id, v.Procedure.Ministry.Code, v.Procedure.Category.Slug, v.Audience)));

    private static readonly Func<AppDbContext, IAsyncEnumerable<MinistrySummary>> MinistriesQuery =
        EF.CompileAsyncQuery((AppDbContext db) =>
            db.Ministries.AsNoTracking()
                .OrderBy(m => m.Name)
                .Select(m => new MinistrySummary(
                    m.Code, m.Acronym, m.Name, m.Description,
                    db.Procedures.Count(p => p.MinistryId == m.Id))));

    private static readonly Func<AppDbContext, string, CancellationToken, Task<MinistryHeader?>> FindMinistryQuery =
        EF.CompileAsyncQuery((AppDbContext db, string code, CancellationToken ct) =>
            db.Ministries.AsNoTracking()
                .Where(m => m.Code == code)
                .Select(m => new MinistryHeader(
                    m.Id, m.Code, m.Acronym, m.Name, m.Description,
                    m.Offices.Select(o => new OfficeLine(o.Code, o.Name)).ToList()))
                .SingleOrDefault());

    private static readonly Func<AppDbContext, int, IAsyncEnumerable<MinistryProcedure>> MinistryProceduresQuery =
        EF.CompileAsyncQuery((AppDbContext db, int ministryId) =>
            db.ProcedureVersions.AsNoTracking()
                .Where(v => v.IsCurrent && v.Procedure.MinistryId == ministryId)
                .OrderBy(v => v.Procedure.Category.Name).ThenByDescending(v => v.Procedure.Popularity).ThenBy(v => v.Title)
                .Select(v => new MinistryProcedure(v.Procedure.Category.Name, v.Procedure.Slug, v.Title, v.Procedure.Status)));

    /// <summary>Every ministry and category, by name, to filter by (their counts are the page's).</summary>
    private async Task<CatalogueChoices> ChoicesAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(ChoicesKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ChoicesCacheFor;
            entry.Size = 1; // the portal may set a size limit on the shared cache
            var ministries = await db.Ministries.AsNoTracking().OrderBy(m => m.Name)
                .Select(m => new FacetOption(m.Code, m.Name, 0)).ToListAsync(ct);
            var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name)
                .Select(c => new FacetOption(c.Slug, c.Name, 0)).ToListAsync(ct);
            return new CatalogueChoices(ministries, categories);
        }))!;

    /// <summary>What the filters and the order look at, for one matching version.</summary>
    private sealed record CatalogueEntry(int VersionId, string MinistryCode, string CategorySlug, Audience Audience);

    private sealed record KeyedCard(int VersionId, ProcedureCard Card);

    private sealed record CatalogueChoices(IReadOnlyList<FacetOption> Ministries, IReadOnlyList<FacetOption> Categories);
}
