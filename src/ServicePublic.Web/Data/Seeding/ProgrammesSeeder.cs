using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Data.Seeding;

/// <summary>
/// Demo budget-programmes with plausible baselines and targets, so that the targets page of a
/// demo portal is not empty. Never in Production (a ministry's targets are its own to set);
/// adds the programmes that are missing and leaves the others, and whatever a supervisor changed
/// in them, alone: running it twice changes nothing.
/// </summary>
public sealed class ProgrammesSeeder(AppDbContext db, IHostEnvironment environment, ILogger<ProgrammesSeeder> logger)
{
    /// <summary>One indicator: over the whole ministry (no procedure) or one procedure, baseline of 2025, targets for 2026–2028.</summary>
    public sealed record IndicatorSeed(IndicatorKind Kind, string? Procedure, decimal Baseline, decimal Target2026, decimal Target2027, decimal Target2028);

    public sealed record ProgrammeSeed(string Ministry, string Code, string Name, IndicatorSeed[] Indicators);

    public const int BaselineYear = 2025;

    public static readonly IReadOnlyList<ProgrammeSeed> Programmes =
    [
        new("MDERM", "P2", "Amélioration de l'accès aux services miniers",
        [
            new(IndicatorKind.DecidedWithinTarget, null, 40, 60, 75, 90),
            new(IndicatorKind.P90Days, "permis-recherche-miniere", 120, 100, 90, 80),
            new(IndicatorKind.FiledOnline, null, 1200, 2000, 3000, 4000),
        ]),
        new("MDERM", "P3", "Accès à l'électricité pour tous",
        [
            new(IndicatorKind.P90Days, "branchement-electrique-basse-tension", 60, 45, 40, 30),
            new(IndicatorKind.ApprovalRate, "branchement-electrique-basse-tension", 85, 90, 92, 95),
        ]),
        new("MJ", "P1", "Modernisation du service public de la justice",
        [
            new(IndicatorKind.DecidedWithinTarget, "bulletin-casier-judiciaire-n3", 55, 70, 80, 90),
            new(IndicatorKind.FiledOnline, null, 5000, 8000, 12000, 15000),
        ]),
        new("MCIC", "P2", "Facilitation des échanges commerciaux",
        [
            new(IndicatorKind.P90Days, "carte-importateur", 21, 15, 10, 7),
            new(IndicatorKind.ApprovalRate, null, 80, 85, 88, 90),
        ]),
        new("MSPC", "P1", "Identification des personnes et titres sécurisés",
        [
            new(IndicatorKind.DecidedWithinTarget, null, 50, 65, 80, 90),
        ]),
    ];

    // Several app instances may start at once: one seeds, the others wait and find nothing to do.
    private const long AdvisoryLockKey = 0x5E_ED_7A_26;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (environment.IsProduction())
        {
            logger.LogWarning("Database:SeedDemoAccounts is set in Production: demo programmes are never created there");
            return;
        }
        await db.SeedLockedAsync(AdvisoryLockKey, async ct =>
        {
            var ministries = await db.Ministries.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Id, ct);
            var procedures = await db.Procedures.AsNoTracking().ToDictionaryAsync(p => p.Slug, p => p.Id, ct);
            var existing = (await db.Programmes.AsNoTracking().Select(p => new { p.MinistryId, p.Code }).ToListAsync(ct))
                .Select(p => (p.MinistryId, p.Code)).ToHashSet();
            var created = 0;
            foreach (var seed in Programmes)
            {
                if (!ministries.TryGetValue(seed.Ministry, out var ministryId) || existing.Contains((ministryId, seed.Code)))
                {
                    continue;
                }
                var programme = new Programme(ministryId, seed.Code, seed.Name);
                programme.Indicators.AddRange(seed.Indicators.Select(i => New(i, procedures)));
                db.Programmes.Add(programme);
                created++;
            }
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Demo programmes seeded: {CreatedCount} created, {ExistingCount} already there", created, Programmes.Count - created);
        }, cancellationToken);
    }

    private static Indicator New(IndicatorSeed seed, Dictionary<string, int> procedures)
    {
        var procedureId = seed.Procedure is null ? (int?)null
            : procedures.GetValueOrDefault(seed.Procedure) is var id and > 0 ? id
            : throw new InvalidDataException($"Demo programme indicator: unknown procedure {seed.Procedure}.");
        var indicator = new Indicator(seed.Kind, procedureId, BaselineYear, seed.Baseline);
        indicator.Targets.AddRange([new(2026, seed.Target2026), new(2027, seed.Target2027), new(2028, seed.Target2028)]);
        return indicator;
    }
}
