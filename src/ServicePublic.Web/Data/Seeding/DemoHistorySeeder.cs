using Microsoft.AspNetCore.Identity;
using ServicePublic.Web.Data.Configurations;

namespace ServicePublic.Web.Data.Seeding;

/// <summary>
/// Months of plausible activity for a demonstration: requests filed, paid, reviewed, corrected,
/// decided and withdrawn over the last 120 days, by invented applicants, handled by invented
/// clerks of each ministry, so the supervision room, the targets and the public statistics show
/// something on a fresh <c>./run.sh</c>. Every request moves through its own methods (the honest
/// clock and the database's rollups follow as in real life). Never in Production; runs once
/// (its applicants' address marks what it made); off unless Demo:HistoryRequests is set.
/// </summary>
public sealed class DemoHistorySeeder(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    IHostEnvironment environment,
    IOptions<DemoOptions> options,
    TimeProvider clock,
    ILogger<DemoHistorySeeder> logger)
{
    public const string Domain = "historique.demo.servicepublic.tg";
    private const long AdvisoryLockKey = 0x5E_ED_DE_31;

    private static readonly string[] ApplicantNames =
    [
        "Akouvi Agbodjan", "Kossi Amouzou", "Edem Kpodar", "Afiwa Tchalla", "Yao Dossou", "Mawuli Ahlonko",
        "Dzifa Gbeasor", "Koffi Adjovi", "Enyonam Lawson", "Sena Afeli", "Kafui Tsogbe", "Abla Nyaku",
    ];

    private static readonly string[] ClerkNames =
    [
        "Kodzo Agbeko", "Afi Dogbe", "Yawo Kponton", "Ablavi Hunkpe", "Komla Sewonou", "Elom Fiagan",
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var count = options.Value.HistoryRequests;
        if (count <= 0 || environment.IsProduction())
        {
            return;
        }
        await db.SeedLockedAsync(AdvisoryLockKey, async ct =>
        {
            if (await db.Users.AnyAsync(u => u.Email!.EndsWith("@" + Domain), ct))
            {
                return;
            }
            var made = await MakeAsync(count, ct);
            logger.LogInformation("Demo history seeded: {Count} requests over the last 120 days", made);
        }, cancellationToken);
    }

    private async Task<int> MakeAsync(int count, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var random = new Random(2026);
        var versions = await db.ProcedureVersions.Include(v => v.Procedure).ThenInclude(p => p.Ministry)
            .Where(v => v.IsCurrent && v.Procedure.IsOnline && v.Procedure.Status == ProcedureStatus.Active)
            .OrderBy(v => v.Id).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return 0;
        }
        var applicants = new List<string>();
        for (var i = 0; i < ApplicantNames.Length; i++)
        {
            applicants.Add(await AccountAsync($"demandeur{i + 1:D2}@{Domain}", ApplicantNames[i], Roles.Citizen, null, ct));
        }
        // Two invented clerks per ministry, plus the demo clerks where they belong.
        var clerks = new Dictionary<int, List<string>>();
        var ministries = versions.Select(v => v.Procedure.Ministry).DistinctBy(m => m.Id).ToList();
        foreach (var (ministry, index) in ministries.Select((m, i) => (m, i)))
        {
            clerks[ministry.Id] =
            [
                await AccountAsync($"agent{index + 1:D2}a@{Domain}", ClerkNames[(2 * index) % ClerkNames.Length], Roles.Agent, ministry.Id, ct),
                await AccountAsync($"agent{index + 1:D2}b@{Domain}", ClerkNames[(2 * index + 1) % ClerkNames.Length], Roles.Agent, ministry.Id, ct),
            ];
        }
        foreach (var demo in await db.Users.Where(u => u.Email!.EndsWith("@demo.servicepublic.tg") && u.MinistryId != null).ToListAsync(ct))
        {
            if (clerks.TryGetValue(demo.MinistryId!.Value, out var list) && await users.IsInRoleAsync(demo, Roles.Agent))
            {
                list.Add(demo.Id);
            }
        }

        // The energy and mines ministry (the demo supervisor's) gets the most, as on the real portal.
        var weighted = versions.SelectMany(v => Enumerable.Repeat(v, v.Procedure.Ministry.Code == "MDERM" ? 6 : 1)).ToList();
        for (var i = 0; i < count; i++)
        {
            var version = weighted[random.Next(weighted.Count)];
            var ministryClerks = clerks[version.Procedure.MinistryId];
            await FileOneAsync(version, applicants[random.Next(applicants.Count)], ministryClerks, random, now, ct);
            if (i % 100 == 99)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync(ct);
        // Each request was saved once in its final state: rebuild the feed from the events, in their order.
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM supervision_activity a USING requests r, "AspNetUsers" u
            WHERE a.request_id = r.id AND u.id = r.applicant_id AND u.email LIKE {"%@" + Domain}
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO supervision_activity (at, ministry_id, office_id, procedure_id, request_id, tracking_number, kind, status)
            SELECT e.at, p.ministry_id, p.office_id, p.id, r.id, r.tracking_number,
                CASE WHEN e."from" = 'Draft' THEN 'filed'
                     WHEN e."from" = 'AwaitingPayment' AND e."to" = 'Submitted' THEN 'paid'
                     WHEN e."from" = 'AwaitingApplicant' AND e."to" = 'InReview' THEN 'corrected'
                     WHEN e."to" = 'InReview' THEN 'review'
                     WHEN e."to" = 'AwaitingApplicant' THEN 'correction'
                     ELSE lower(e."to") END,
                e."to"
            FROM request_events e
            JOIN requests r ON r.id = e.request_id
            JOIN "AspNetUsers" u ON u.id = r.applicant_id
            JOIN procedure_versions v ON v.id = r.procedure_version_id
            JOIN procedures p ON p.id = v.procedure_id
            WHERE u.email LIKE {"%@" + Domain}
            ORDER BY e.at, e.id
            """, ct);
        return count;
    }

    /// <summary>One request's life up to now: filed, maybe paid, taken, reviewed, corrected, decided or withdrawn.</summary>
    private async Task FileOneAsync(ProcedureVersion version, string applicantId, List<string> clerks, Random random, DateTimeOffset now, CancellationToken ct)
    {
        // Recent days are busier: the portal grows.
        var ageDays = 120 * Math.Pow(random.NextDouble(), 1.6);
        var t = now.AddDays(-ageDays).AddMinutes(-random.Next(0, 600));
        var request = Request.StartDraft(version.Id, applicantId, null, t.AddMinutes(-random.Next(5, 90)));
        var target = version.Procedure.TargetDays(version) ?? 30;
        var fee = version.FlatTotal;
        var sequence = await db.Database.SqlQueryRaw<long>($"SELECT nextval('{RequestConfiguration.TrackingSequence}') AS \"Value\"").SingleAsync(ct);
        request.Submit(applicantId, feeDue: fee > 0, () => Request.FormatTrackingNumber(t.Year, sequence), target, t);
        db.Requests.Add(request);
        bool Reached(DateTimeOffset at) => at < now;

        if (fee > 0)
        {
            var paidAt = t.AddMinutes(random.Next(3, 2 * 24 * 60));
            if (!Reached(paidAt) || random.NextDouble() < 0.04)
            {
                return; // still awaiting payment
            }
            var payment = Payment.Start(request.Id, applicantId, random.NextDouble() < 0.6 ? PaymentMethod.TMoney : PaymentMethod.Flooz,
                "sandbox", "+22890" + random.Next(100000, 999999), [new PaymentLine(version.Title, 1, null, fee, fee)], paidAt.AddMinutes(-2));
            payment.Apply(new ProviderReport(ProviderOutcome.Paid, fee, $"DEMO-{Guid.NewGuid():N}"[..20]), paidAt);
            var receipt = await db.Database.SqlQueryRaw<long>($"SELECT nextval('{PaymentConfiguration.ReceiptSequence}') AS \"Value\"").SingleAsync(ct);
            payment.IssueReceipt(Payment.FormatReceiptNumber(paidAt.Year, receipt));
            db.Payments.Add(payment);
            request.ConfirmPayment(payment.ReceiptNumber!, target, paidAt);
            t = paidAt;
        }
        if (random.NextDouble() < 0.04 && Reached(t.AddDays(1)))
        {
            request.Withdraw(applicantId, "Je n'en ai plus besoin", t.AddDays(random.NextDouble()));
            return;
        }

        var clerk = clerks[random.Next(clerks.Count)];
        var takenAt = t.AddHours(2 + random.NextDouble() * 24 * Math.Min(4, target / 3.0));
        if (!Reached(takenAt))
        {
            return; // waiting to be taken
        }
        request.AssignTo(clerk, takenAt);
        var reviewAt = takenAt.AddHours(random.NextDouble() * 6);
        if (!Reached(reviewAt))
        {
            return;
        }
        request.StartReview(clerk, reviewAt);
        t = reviewAt;

        // Most decisions come before the target; some are late (log-normal around 60 % of the target).
        var officeDays = target * Math.Exp(-0.5 + 0.55 * Normal(random));
        if (random.NextDouble() < 0.2)
        {
            var askedAt = t.AddDays(officeDays * random.NextDouble() * 0.5);
            if (!Reached(askedAt))
            {
                return;
            }
            var field = version.CorrectableFields().Select(f => f.Key).FirstOrDefault() ?? "piece";
            request.AskForCorrection(clerk, [field], "Le document fourni est illisible : merci de le renvoyer.", askedAt);
            var sentAt = askedAt.AddDays(0.3 + random.NextDouble() * 6);
            if (!Reached(sentAt))
            {
                return; // awaiting the applicant
            }
            request.Resubmit(applicantId, sentAt);
            t = sentAt;
            officeDays *= 0.6;
        }
        var decidedAt = t.AddDays(officeDays);
        if (!Reached(decidedAt))
        {
            return; // in review
        }
        if (random.NextDouble() < 0.86)
        {
            request.Approve(clerk, null, decidedAt);
        }
        else
        {
            request.Reject(clerk, "Les conditions de la démarche ne sont pas remplies.", decidedAt);
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private async Task<string> AccountAsync(string email, string name, string role, int? ministryId, CancellationToken ct)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = name,
            CreatedAt = clock.GetUtcNow().AddDays(-150),
            MinistryId = ministryId,
        };
        // Nobody signs in with these: an unguessable password, never shown.
        var created = await users.CreateAsync(user, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)) + "aA1!");
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Demo history account {email} could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        return user.Id;
    }
}
