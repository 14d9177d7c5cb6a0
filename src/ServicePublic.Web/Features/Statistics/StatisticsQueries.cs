namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// The public figures, read from the rollups the database keeps (<c>supervision_daily</c>,
/// <c>supervision_durations</c>), never from the requests: two grouped queries per page, whatever
/// the number of requests. Each scope's figures are kept in memory (per node, <see cref="KeptFigures"/>),
/// computed once even when many visitors ask at the same moment and renewed when older than
/// <see cref="CacheFor"/> while still shown: a crowd on one page costs the database one
/// computation a minute, and no visitor waits for it but the first.
/// </summary>
public sealed class StatisticsQueries(IServiceScopeFactory scopes, KeptFigures kept, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    /// <summary>How long figures nobody asked for are kept, shown at once and renewed behind the next visitor.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(15);

    public Task<StatisticsPage?> NationAsync(CancellationToken ct = default) =>
        CachedAsync("nation", async (db, period) =>
        {
            var ministries = await db.Ministries.AsNoTracking().OrderBy(m => m.Name)
                .Select(m => new { m.Id, m.Code, m.Name }).ToListAsync();
            var (figures, children) = await FiguresAsync(db, period, ministryId: 0, procedureId: 0, byMinistry: true);
            return new StatisticsPage(StatisticsLevel.Nation, null, null, period, figures,
                [.. ministries.Select(m => Child(m.Id, m.Code, m.Name, children))]);
        }, ct);

    public Task<StatisticsPage?> MinistryAsync(string code, CancellationToken ct = default)
    {
        code = code.Trim().ToUpperInvariant();
        return code.Length > Ministry.CodeMaxLength ? Task.FromResult<StatisticsPage?>(null) : CachedAsync("ministere:" + code, async (db, period) =>
        {
            var ministry = await db.Ministries.AsNoTracking().Where(m => m.Code == code)
                .Select(m => new MinistryName(m.Id, m.Code, m.Acronym, m.Name)).SingleOrDefaultAsync();
            if (ministry is null)
            {
                return null;
            }
            var procedures = await db.ProcedureVersions.AsNoTracking()
                .Where(v => v.IsCurrent && v.Procedure.MinistryId == ministry.Id)
                .OrderBy(v => v.Title)
                .Select(v => new ProcedureName(v.ProcedureId, v.Procedure.Slug, v.Title)).ToListAsync();
            var (figures, children) = await FiguresAsync(db, period, ministry.Id, procedureId: 0, byMinistry: false);
            return new StatisticsPage(StatisticsLevel.Ministry, ministry, null, period, figures,
                [.. procedures.Select(p => Child(p.Id, p.Slug, p.Title, children))]);
        }, ct);
    }

    public Task<StatisticsPage?> ProcedureAsync(string slug, CancellationToken ct = default) =>
        slug.Length > Domain.Catalogue.Procedure.SlugMaxLength ? Task.FromResult<StatisticsPage?>(null) : CachedAsync("demarche:" + slug, async (db, period) =>
        {
            var found = await db.ProcedureVersions.AsNoTracking()
                .Where(v => v.IsCurrent && v.Procedure.Slug == slug)
                .Select(v => new
                {
                    Procedure = new ProcedureName(v.ProcedureId, v.Procedure.Slug, v.Title),
                    Ministry = new MinistryName(v.Procedure.MinistryId, v.Procedure.Ministry.Code, v.Procedure.Ministry.Acronym, v.Procedure.Ministry.Name),
                })
                .SingleOrDefaultAsync();
            if (found is null)
            {
                return null;
            }
            var (figures, _) = await FiguresAsync(db, period, found.Ministry.Id, found.Procedure.Id, byMinistry: false);
            return new StatisticsPage(StatisticsLevel.Procedure, found.Ministry, found.Procedure, period, figures, []);
        }, ct);

    /// <summary>
    /// Time with the administration of one procedure's decisions over the period, for its catalogue
    /// page: one small query on the rollup's primary key (procedure, day), cached like the pages.
    /// </summary>
    public async Task<Durations> MeasuredDelayAsync(int procedureId, CancellationToken ct = default) =>
        await CachedAsync($"delai:{procedureId}", async (db, period) =>
        {
            var rows = await db.Database.SqlQuery<DurationRow>($"""
                SELECT 0 AS child, s.measure::text AS measure, s.days AS days, sum(s.requests)::integer AS requests
                FROM supervision_durations_now s
                WHERE s.procedure_id = {procedureId} AND s.measure = 'A' AND s.day >= {period.From} AND s.day <= {period.To}
                GROUP BY s.measure, s.days
                """).ToListAsync();
            return new Durations(rows.Select(r => (r.Days, r.Requests)));
        }, ct) ?? Durations.None;

    private Task<T?> CachedAsync<T>(string scope, Func<AppDbContext, StatisticsPeriod, Task<T?>> compute, CancellationToken ct)
        where T : class
    {
        var period = StatisticsPeriod.At(clock.GetUtcNow());
        return kept.GetAsync($"statistiques:{scope}:{period.Today:O}", CacheFor, KeepFor, () => ComputeAsync(compute, period), ct);
    }

    private async Task<T?> ComputeAsync<T>(Func<AppDbContext, StatisticsPeriod, Task<T?>> compute, StatisticsPeriod period)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await compute(scope.ServiceProvider.GetRequiredService<AppDbContext>(), period);
    }

    /// <summary>
    /// The scope's figures and those of its children (ministries of the nation, procedures of a
    /// ministry), from two grouped queries on the rollups; 0 for an id means "any".
    /// </summary>
    private static async Task<(ScopeFigures Scope, Dictionary<int, (Counts Totals, Durations WithAdministration)> Children)> FiguresAsync(
        AppDbContext db, StatisticsPeriod period, int ministryId, int procedureId, bool byMinistry)
    {
        var months = await db.Database.SqlQuery<MonthRow>($"""
            SELECT CASE WHEN {byMinistry} THEN p.ministry_id ELSE d.procedure_id END AS child,
                d.day - (extract(day FROM d.day)::integer - 1) AS month,
                sum(d.filed)::integer AS filed, sum(d.decided)::integer AS decided, sum(d.approved)::integer AS approved,
                sum(d.withdrawn)::integer AS withdrawn, sum(d.decided_with_target)::integer AS with_target,
                sum(d.decided_within_target)::integer AS within_target, sum(d.decided_after_correction)::integer AS after_correction
            FROM supervision_daily_now d JOIN procedures p ON p.id = d.procedure_id
            WHERE d.day >= {period.From} AND d.day < {period.ChartEnd}
                AND ({ministryId} = 0 OR p.ministry_id = {ministryId}) AND ({procedureId} = 0 OR d.procedure_id = {procedureId})
            GROUP BY 1, 2
            """).ToListAsync();
        var durations = await db.Database.SqlQuery<DurationRow>($"""
            SELECT CASE WHEN {byMinistry} THEN p.ministry_id ELSE s.procedure_id END AS child,
                s.measure::text AS measure, s.days AS days, sum(s.requests)::integer AS requests
            FROM supervision_durations_now s JOIN procedures p ON p.id = s.procedure_id
            WHERE s.day >= {period.From} AND s.day <= {period.To}
                AND ({ministryId} = 0 OR p.ministry_id = {ministryId}) AND ({procedureId} = 0 OR s.procedure_id = {procedureId})
            GROUP BY 1, 2, 3
            """).ToListAsync();

        var counted = months.Where(m => m.Month < period.CurrentMonth).ToList();
        var byMonth = months.ToLookup(m => m.Month);
        var scope = new ScopeFigures(
            Sum(counted),
            [.. period.Months.Select(month => new MonthCounts(month, byMonth[month].Sum(m => m.Filed), byMonth[month].Sum(m => m.Decided)))],
            Measure(durations, DurationRow.WithAdministration),
            Measure(durations, DurationRow.AwaitingApplicant));
        var countsOf = counted.ToLookup(m => m.Child);
        var durationsOf = durations.ToLookup(d => d.Child);
        var children = countsOf.Select(g => g.Key).Union(durationsOf.Select(g => g.Key)).ToDictionary(
            child => child,
            child => (Sum(countsOf[child]), Measure(durationsOf[child], DurationRow.WithAdministration)));
        return (scope, children);
    }

    private static Counts Sum(IEnumerable<MonthRow> months) => months.Aggregate(Counts.Zero, (total, m) => total.Plus(m.Counts));

    private static Durations Measure(IEnumerable<DurationRow> rows, string measure) =>
        new(rows.Where(r => r.Measure == measure).Select(r => (r.Days, r.Requests)));

    private static ChildFigures Child(int id, string key, string name, Dictionary<int, (Counts Totals, Durations WithAdministration)> children) =>
        children.TryGetValue(id, out var figures)
            ? new ChildFigures(key, name, figures.Totals, figures.WithAdministration)
            : new ChildFigures(key, name, Counts.Zero, Durations.None);
}

/// <summary>One child's counts in one month (the SQL names its columns as the naming convention does: snake_case).</summary>
internal sealed record MonthRow(int Child, DateOnly Month, int Filed, int Decided, int Approved, int Withdrawn, int WithTarget, int WithinTarget, int AfterCorrection)
{
    public Counts Counts => new(Filed, Decided, Approved, Withdrawn, WithTarget, WithinTarget, AfterCorrection);
}

/// <summary>How many of one child's decisions took <see cref="Days"/> days of one measure.</summary>
internal sealed record DurationRow(int Child, string Measure, int Days, int Requests)
{
    public const string WithAdministration = "A";
    public const string AwaitingApplicant = "W";
}
