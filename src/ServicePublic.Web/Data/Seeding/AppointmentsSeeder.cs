namespace ServicePublic.Web.Data.Seeding;

/// <summary>
/// The counters of the procedures that end in person, with the catalogue: the DGDN's enrolment
/// centres (passport, identity card) and the Justice ministry's nationality desk, their hours and
/// Togo's public holidays, and each procedure's visit. Adds what is missing and leaves alone what
/// a supervisor changed: running it twice changes nothing.
/// </summary>
public sealed class AppointmentsSeeder(AppDbContext db, ILogger<AppointmentsSeeder> logger)
{
    public sealed record PlaceSeed(string Ministry, string Office, string Name, string Address, TimeOnly Opens, TimeOnly Closes, bool Saturday);

    public sealed record StepSeed(string Procedure, AppointmentOpening Opening, int Minutes, int PerSlot, string Bring, string[] Places);

    public const string DgdnLome = "DGDN – centre d'enrôlement de Lomé";
    public const string DgdnKara = "DGDN – centre d'enrôlement de Kara";
    public const string NationalityDesk = "Guichet de la nationalité – Lomé";

    public static readonly IReadOnlyList<PlaceSeed> Places =
    [
        new("MSPC", "DGDN", DgdnLome, "Direction générale de la documentation nationale, Lomé (Togo)", new(7, 30), new(15, 30), Saturday: true),
        new("MSPC", "DGDN", DgdnKara, "Antenne régionale de la DGDN, Kara (Togo)", new(8, 0), new(15, 0), Saturday: false),
        new("MJ", "DAJS", NationalityDesk, "Ministère de la Justice, direction des affaires civiles, du sceau et de la nationalité, Lomé (Togo)", new(8, 0), new(12, 0), Saturday: false),
    ];

    public static readonly IReadOnlyList<StepSeed> Steps =
    [
        new("passeport-ordinaire", AppointmentOpening.AfterPayment, 15, 3,
            "les originaux et copies des pièces du dossier (certificat de nationalité, acte de naissance, carte d'identité) et le reçu du paiement en ligne, imprimé ou sur le téléphone ; photo et empreintes sont prises sur place",
            [DgdnLome, DgdnKara]),
        new("renouvellement-passeport-ordinaire", AppointmentOpening.AfterPayment, 15, 3,
            "l'ancien passeport (ou l'attestation de perte), les originaux des pièces du dossier et le reçu du paiement en ligne",
            [DgdnLome, DgdnKara]),
        new("carte-nationale-identite", AppointmentOpening.AfterPayment, 10, 4,
            "le certificat de nationalité et l'acte de naissance originaux, l'ancienne carte en cas de renouvellement",
            [DgdnLome, DgdnKara]),
        new("certificat-de-nationalite", AppointmentOpening.WhenInvited, 20, 2,
            "l'ancien certificat de nationalité (ou l'attestation de perte) et une pièce d'identité, en original",
            [NationalityDesk]),
    ];

    /// <summary>Togo's public holidays (fixed dates; Easter Monday, Ascension, Whit Monday, Eid al-Fitr and Tabaski as announced), 2026 and 2027.</summary>
    public static readonly IReadOnlyList<Closure> Holidays =
    [
        new(new(2026, 1, 1), "Jour de l'an"), new(new(2026, 1, 13), "Fête de la libération"),
        new(new(2026, 3, 20), "Aïd el-Fitr"), new(new(2026, 4, 6), "Lundi de Pâques"),
        new(new(2026, 4, 27), "Fête de l'indépendance"), new(new(2026, 5, 1), "Fête du travail"),
        new(new(2026, 5, 14), "Ascension"), new(new(2026, 5, 25), "Lundi de Pentecôte"),
        new(new(2026, 5, 27), "Tabaski"), new(new(2026, 6, 21), "Journée des martyrs"),
        new(new(2026, 8, 15), "Assomption"), new(new(2026, 11, 1), "Toussaint"),
        new(new(2026, 12, 25), "Noël"),
        new(new(2027, 1, 1), "Jour de l'an"), new(new(2027, 1, 13), "Fête de la libération"),
        new(new(2027, 3, 10), "Aïd el-Fitr"), new(new(2027, 3, 29), "Lundi de Pâques"),
        new(new(2027, 4, 27), "Fête de l'indépendance"), new(new(2027, 5, 1), "Fête du travail"),
        new(new(2027, 5, 6), "Ascension"), new(new(2027, 5, 17), "Lundi de Pentecôte ; Tabaski"),
        new(new(2027, 6, 21), "Journée des martyrs"), new(new(2027, 8, 15), "Assomption"),
        new(new(2027, 11, 1), "Toussaint"), new(new(2027, 12, 25), "Noël"),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var offices = await db.Offices.Join(db.Ministries, o => o.MinistryId, m => m.Id, (o, m) => new { o.Id, Key = m.Code + "/" + o.Code }).ToDictionaryAsync(o => o.Key, o => o.Id, ct);
        var existing = await db.Places.ToListAsync(ct);
        foreach (var seed in Places)
        {
            if (!offices.TryGetValue($"{seed.Ministry}/{seed.Office}", out var officeId) || existing.Any(p => p.OfficeId == officeId && p.Name == seed.Name))
            {
                continue;
            }
            DayOfWeek[] days = seed.Saturday
                ? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday]
                : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
            var place = new Place(officeId, seed.Name, seed.Address, days.Select(d => new OpeningHours(d, seed.Opens, d == DayOfWeek.Saturday ? new TimeOnly(12, 0) : seed.Closes)), Holidays);
            db.Places.Add(place);
            existing.Add(place);
        }
        await db.SaveChangesAsync(ct);
        var procedures = await db.Procedures.Where(p => Steps.Select(s => s.Procedure).Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, p => p.Id, ct);
        var configured = await db.InPersonSteps.Select(s => s.ProcedureId).ToListAsync(ct);
        var added = 0;
        foreach (var seed in Steps)
        {
            if (!procedures.TryGetValue(seed.Procedure, out var procedureId) || configured.Contains(procedureId))
            {
                continue;
            }
            var step = new InPersonStep(procedureId);
            step.Change(seed.Opening, seed.Minutes, seed.PerSlot, changeUntilHours: 24, seed.Bring, existing.Where(p => seed.Places.Contains(p.Name)).Select(p => p.Id));
            db.InPersonSteps.Add(step);
            added++;
        }
        await db.SaveChangesAsync(ct);
        if (added > 0)
        {
            logger.LogInformation("Seeded the in-person step of {Count} procedures", added);
        }
    }
}
