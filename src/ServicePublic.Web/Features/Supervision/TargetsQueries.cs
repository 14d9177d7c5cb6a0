using System.Globalization;
using System.Security.Claims;
using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// Reads what the targets pages show: ministries, their procedures' target delays, their
/// programmes with each indicator's actual value for the year to date and its status; and
/// finds, for editing, an indicator or a procedure of a ministry the reader may act on.
/// </summary>
public sealed class TargetsQueries(AppDbContext db, TargetsMeasures measures)
{
    private static readonly StringComparer French = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), CompareOptions.IgnoreCase);

    public async Task<IReadOnlyList<TargetsMinistry>> MinistriesAsync(CancellationToken ct) =>
        (await db.Ministries.AsNoTracking().Select(m => new TargetsMinistry(m.Id, m.Code, m.Name)).ToListAsync(ct))
            .OrderBy(m => m.Name, French).ToList();

    public Task<TargetsMinistry?> MinistryAsync(int id, CancellationToken ct) =>
        db.Ministries.AsNoTracking().Where(m => m.Id == id).Select(m => new TargetsMinistry(m.Id, m.Code, m.Name)).FirstOrDefaultAsync(ct);

    public Task<TargetsMinistry?> MinistryAsync(string code, CancellationToken ct) =>
        db.Ministries.AsNoTracking().Where(m => m.Code == code.ToUpperInvariant()).Select(m => new TargetsMinistry(m.Id, m.Code, m.Name)).FirstOrDefaultAsync(ct);

    public async Task<TargetsPage> PageAsync(TargetsMinistry ministry, TargetsPeriod period, bool choosesMinistry, DelayAttempt? attempt, CancellationToken ct) =>
        new(period, (await TargetsAsync([ministry], period, ct)).Single(), await DelaysAsync(ministry.Id, ct), choosesMinistry, attempt);

    public async Task<TargetsOverview> OverviewAsync(TargetsPeriod period, CancellationToken ct) =>
        new(period, await TargetsAsync(await MinistriesAsync(ct), period, ct));

    /// <summary>The ministry's procedures by title, each with its published delay or the one a supervisor set.</summary>
    public async Task<IReadOnlyList<ProcedureDelay>> DelaysAsync(int ministryId, CancellationToken ct) =>
        (await db.Procedures.AsNoTracking().Where(p => p.MinistryId == ministryId)
            .Select(p => new
            {
                p.Id,
                p.Slug,
                p.TargetDelayDays,
                Current = p.Versions.Where(v => v.IsCurrent).Select(v => new { v.Title, v.ProcessingTime.MaxDays, v.ProcessingTime.MinDays }).FirstOrDefault(),
            })
            .ToListAsync(ct))
            .Select(p => new ProcedureDelay(p.Id, p.Slug, p.Current?.Title ?? p.Slug, p.Current?.MaxDays ?? p.Current?.MinDays, p.TargetDelayDays))
            .OrderBy(p => p.Title, French).ToList();

    /// <summary>
    /// Each ministry's programmes, their indicators measured from 1 January to the period's last
    /// day, over the ministry's procedures or the indicator's own: two rollup reads for them all.
    /// </summary>
    public async Task<IReadOnlyList<MinistryTargets>> TargetsAsync(IReadOnlyList<TargetsMinistry> ministries, TargetsPeriod period, CancellationToken ct)
    {
        var ids = ministries.Select(m => m.Id).ToList();
        var programmes = await db.Programmes.AsNoTracking().Include(p => p.Indicators)
            .Where(p => ids.Contains(p.MinistryId)).ToListAsync(ct);
        var measured = programmes.Select(p => p.MinistryId).ToHashSet();
        var procedures = await db.Procedures.AsNoTracking().Where(p => measured.Contains(p.MinistryId))
            .Select(p => new { p.Id, p.MinistryId, Title = p.Versions.Where(v => v.IsCurrent).Select(v => v.Title).FirstOrDefault() ?? p.Slug })
            .ToListAsync(ct);
        var titles = procedures.ToDictionary(p => p.Id, p => p.Title);
        var byMinistry = procedures.GroupBy(p => p.MinistryId).ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(p => p.Id).ToHashSet());
        IReadOnlySet<int> Scope(Programme programme, Indicator indicator) =>
            indicator.ProcedureId is { } id ? new HashSet<int> { id } : byMinistry.GetValueOrDefault(programme.MinistryId, new HashSet<int>());
        var scopes = programmes.SelectMany(p => p.Indicators.Select(i => (i.Kind, Procedures: Scope(p, i)))).ToList();
        var rollups = await measures.ReadAsync(
            scopes.SelectMany(s => s.Procedures),
            scopes.Where(s => s.Kind == IndicatorKind.P90Days).SelectMany(s => s.Procedures),
            period.From, period.Through, ct);

        IndicatorLine Line(Programme programme, Indicator indicator)
        {
            var actual = rollups.Of(indicator.Kind, Scope(programme, indicator));
            var title = indicator.ProcedureId is { } procedure ? titles.GetValueOrDefault(procedure, "?") : null;
            return new IndicatorLine(indicator, programme.Code, title, actual, indicator.StatusFor(actual.Value, period.Year, period.DayOfYear), period);
        }

        return [.. ministries.Select(m => new MinistryTargets(m, [.. programmes
            .Where(p => p.MinistryId == m.Id)
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new ProgrammeBlock(p, [.. p.Indicators.OrderBy(i => i.Id).Select(i => Line(p, i))]))]))];
    }

    /// <summary>An indicator and its programme, tracked for editing; null when there is none or it is another ministry's.</summary>
    public async Task<(Programme Programme, Indicator Indicator)?> IndicatorAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var programme = await db.Programmes.Include(p => p.Indicators).SingleOrDefaultAsync(p => p.Indicators.Any(i => i.Id == id), ct);
        return programme is not null && await db.IsStaffOfAsync(user, programme.MinistryId, ct)
            ? (programme, programme.Indicators.Single(i => i.Id == id))
            : null;
    }

    /// <summary>A procedure with its current version, tracked for setting its delay; null when there is none or it is another ministry's.</summary>
    public async Task<Procedure?> ProcedureAsync(string slug, ClaimsPrincipal user, CancellationToken ct)
    {
        if (slug.Length > Procedure.SlugMaxLength)
        {
            return null;
        }
        var procedure = await db.Procedures.Include(p => p.Versions.Where(v => v.IsCurrent)).SingleOrDefaultAsync(p => p.Slug == slug, ct);
        return procedure is not null && await db.IsStaffOfAsync(user, procedure.MinistryId, ct) ? procedure : null;
    }

    /// <summary>The title of a procedure's current version (the scope of an indicator that measures one procedure).</summary>
    public async Task<string?> TitleAsync(int? procedureId, CancellationToken ct) => procedureId is not { } id ? null
        : await db.ProcedureVersions.AsNoTracking().Where(v => v.ProcedureId == id && v.IsCurrent).Select(v => v.Title).FirstOrDefaultAsync(ct);
}
