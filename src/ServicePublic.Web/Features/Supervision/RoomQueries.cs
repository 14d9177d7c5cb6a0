using System.Data;
using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// Computes a <see cref="RoomSnapshot"/> without scanning the requests: days from the rollups
/// (supervision_daily, supervision_durations, 31 days at most), the backlog from the open-request
/// index (ix_requests_open), recent decisions from ix_requests_decided_at, the feed from
/// supervision_activity by ministry. Everything is read in one repeatable-read transaction, so the
/// figures agree with each other and with <see cref="RoomSnapshot.Seq"/>.
/// What is read is kept per procedure (<see cref="RoomFacts"/>): given the previous facts and the
/// procedures changed since, only those are read again, so a change costs a snapshot the reading of
/// one procedure, not of a ministry. Callers go through <see cref="RoomSnapshots"/>, which shares one
/// computation between viewers and says what changed.
/// </summary>
public sealed partial class RoomQueries(AppDbContext db)
{
    public const int FeedLength = 20;

    /// <summary>
    /// The snapshot of <paramref name="scope"/> at <paramref name="now"/>, and the facts it was made of:
    /// read again for <paramref name="changed"/> procedures only, the rest taken from <paramref name="previous"/>,
    /// when both are given, of the same Lomé day and knowing those procedures; else all read.
    /// </summary>
    public async Task<(RoomSnapshot Snapshot, RoomFacts Facts)> SnapshotAsync(RoomScope scope, bool includeWorkload, DateTimeOffset now,
        RoomFacts? previous, IReadOnlySet<int>? changed, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, token);
            var read = await ReadAsync(scope, includeWorkload, now.ToUniversalTime(), previous, changed, token);
            await transaction.CommitAsync(token);
            return read;
        }, ct);
    }

    private async Task<(RoomSnapshot, RoomFacts)> ReadAsync(RoomScope scope, bool includeWorkload, DateTimeOffset now,
        RoomFacts? previous, IReadOnlySet<int>? changed, CancellationToken ct)
    {
        var days = new RoomDays(DateOnly.FromDateTime(now.UtcDateTime));
        // The first read fixes the transaction's snapshot: every figure read below is as of this sequence number.
        var seq = await SeqAsync(scope, ct);
        RoomFacts facts;
        if (previous is not null && changed is not null && previous.Today == days.Today && previous.HasWorkload == includeWorkload && changed.All(previous.Knows))
        {
            facts = previous.With(await ReadFactsAsync(previous.Procedures, [.. changed], days, now, includeWorkload, ct));
        }
        else
        {
            var procedures = await ProceduresAsync(scope, ct);
            facts = await ReadFactsAsync(procedures, [.. procedures.Select(p => p.Id)], days, now, includeWorkload, ct);
        }
        var feed = await FeedAsync(scope, facts.Procedures.ToDictionary(p => p.Id, p => p.Title), ct);
        var workload = includeWorkload ? await WorkloadAsync(scope, facts, ct) : null;
        return (Compose(scope, seq, now, facts, workload, feed), facts);
    }

    /// <summary>What the procedures <paramref name="ids"/> (of <paramref name="procedures"/>) are at <paramref name="now"/>.</summary>
    private async Task<RoomFacts> ReadFactsAsync(IReadOnlyList<ScopeProcedure> procedures, int[] ids, RoomDays days, DateTimeOffset now, bool includeWorkload, CancellationToken ct) =>
        ids.Length == 0
            ? new(procedures, days.Today, now, ids, [], [], [], includeWorkload ? [] : null)
            : new(procedures, days.Today, now, ids,
                (await DailyAsync(ids, days, ct)).ToDictionary(r => r.ProcedureId),
                (await OpenAsync(ids, now, ct)).ToDictionary(r => r.ProcedureId),
                await DurationsAsync(ids, days, ct),
                includeWorkload ? (await LoadsAsync(ids, days, ct)).GroupBy(l => l.ProcedureId).ToDictionary(g => g.Key, g => g.ToArray()) : null);

    private static RoomSnapshot Compose(RoomScope scope, long seq, DateTimeOffset now, RoomFacts facts, List<ClerkLoad>? workload, List<RoomActivity> feed)
    {
        var procedures = facts.Procedures;
        var procedureRows = procedures
            .Select(p => new RoomRow(p.Title, scope with { OfficeId = p.OfficeId, OfficeName = p.OfficeName, ProcedureId = p.Id, ProcedureSlug = p.Slug, ProcedureTitle = p.Title },
                p.TargetDays, facts.Of([p.Id])))
            .Where(r => scope.ProcedureId is not null || !r.Figures.IsQuiet);
        var ministries = scope.IsNation
            ? procedures.GroupBy(p => (p.MinistryId, p.MinistryCode, p.MinistryName))
                .Select(g => new RoomRow(g.Key.MinistryName, RoomScope.Nation with { MinistryId = g.Key.MinistryId, MinistryCode = g.Key.MinistryCode, MinistryName = g.Key.MinistryName },
                    null, facts.Of(g.Select(p => p.Id))))
            : [];
        var offices = scope.MinistryId is not null && scope.OfficeId is null && scope.ProcedureId is null
            ? procedures.Where(p => p.OfficeId is not null).GroupBy(p => (p.OfficeId, p.OfficeCode, p.OfficeName))
                .Select(g => new RoomRow(g.Key.OfficeName!, scope with { OfficeId = g.Key.OfficeId, OfficeCode = g.Key.OfficeCode, OfficeName = g.Key.OfficeName },
                    null, facts.Of(g.Select(p => p.Id))))
            : [];
        return new RoomSnapshot(scope, seq, now, facts.Of(procedures.Select(p => p.Id)),
            Sorted(ministries), Sorted(offices), scope.IsNation ? [] : Sorted(procedureRows), workload, feed);
    }

    /// <summary>Where the trouble is first: most overdue, then most open, then by name.</summary>
    private static List<RoomRow> Sorted(IEnumerable<RoomRow> rows) =>
        [.. rows.OrderByDescending(r => r.Figures.Overdue).ThenByDescending(r => r.Figures.Open).ThenBy(r => r.Name, StringComparer.CurrentCulture)];

    private Task<long> SeqAsync(RoomScope scope, CancellationToken ct) => db.Database.SqlQuery<long>($"""
        SELECT coalesce(max(id), 0) AS "Value" FROM supervision_activity
        WHERE ({scope.MinistryId ?? 0} = 0 OR ministry_id = {scope.MinistryId ?? 0})
          AND ({scope.OfficeId ?? 0} = 0 OR office_id = {scope.OfficeId ?? 0})
          AND ({scope.ProcedureId ?? 0} = 0 OR procedure_id = {scope.ProcedureId ?? 0})
        """).SingleAsync(ct);

    private async Task<List<ScopeProcedure>> ProceduresAsync(RoomScope scope, CancellationToken ct)
    {
        var procedures = db.Procedures.AsNoTracking();
        if (scope.MinistryId is { } ministry)
        {
            procedures = procedures.Where(p => p.MinistryId == ministry);
        }
        if (scope.OfficeId is { } office)
        {
            procedures = procedures.Where(p => p.OfficeId == office);
        }
        if (scope.ProcedureId is { } procedure)
        {
            procedures = procedures.Where(p => p.Id == procedure);
        }
        return await procedures
            .SelectMany(p => p.Versions.Where(v => v.IsCurrent), (p, v) => new { p, v })
            .Select(x => new ScopeProcedure(x.p.Id, x.p.Slug, x.v.Title, x.p.MinistryId, x.p.Ministry.Code, x.p.Ministry.Name,
                x.p.OfficeId, x.p.Office == null ? null : x.p.Office.Code, x.p.Office == null ? null : x.p.Office.Name,
                // ProcedureVersion.TargetDaysQuery, inlined: the published delay, else the supervisor's.
                x.v.ProcessingTime.MaxDays ?? x.v.ProcessingTime.MinDays ?? x.p.TargetDelayDays))
            .ToListAsync(ct);
    }

    private Task<List<DailyRow>> DailyAsync(int[] ids, RoomDays days, CancellationToken ct) => db.Database.SqlQuery<DailyRow>($"""
        SELECT procedure_id,
            coalesce(sum(filed) FILTER (WHERE day = {days.Today}), 0)::integer AS received_today,
            coalesce(sum(filed) FILTER (WHERE day >= {days.Week}), 0)::integer AS received_last_week,
            coalesce(sum(filed) FILTER (WHERE day >= {days.Month}), 0)::integer AS received_last_month,
            coalesce(sum(decided) FILTER (WHERE day = {days.Today}), 0)::integer AS decided_today,
            coalesce(sum(decided) FILTER (WHERE day >= {days.Month}), 0)::integer AS decided_last_month,
            coalesce(sum(approved) FILTER (WHERE day >= {days.Month}), 0)::integer AS approved_last_month,
            coalesce(sum(decided_with_target) FILTER (WHERE day >= {days.Month}), 0)::integer AS with_target_last_month,
            coalesce(sum(decided_within_target) FILTER (WHERE day >= {days.Month}), 0)::integer AS within_target_last_month,
            coalesce(sum(collected_xof) FILTER (WHERE day = {days.Today}), 0)::bigint AS collected_today,
            coalesce(sum(collected_xof) FILTER (WHERE day >= {days.CalendarMonth}), 0)::bigint AS collected_this_month
        FROM supervision_daily_now
        WHERE procedure_id = ANY({ids}) AND day >= {days.Earliest} AND day <= {days.Today}
        GROUP BY procedure_id
        """).ToListAsync(ct);

    /// <summary>
    /// The backlog, from the open-request index. Age against target: time with the administration
    /// so far (a paused clock stops at the start of the wait) over the target, which is the due date
    /// less the clock start and the closed waits (each wait moved the due date by its length).
    /// </summary>
    private Task<List<OpenRow>> OpenAsync(int[] ids, DateTimeOffset now, CancellationToken ct) => db.Database.SqlQuery<OpenRow>($"""
        SELECT v.procedure_id,
            count(*)::integer AS open,
            count(*) FILTER (WHERE r.status = 'AwaitingPayment')::integer AS awaiting_payment,
            count(*) FILTER (WHERE r.status = 'Submitted' AND r.assigned_clerk_id IS NULL)::integer AS to_take,
            count(*) FILTER (WHERE r.status = 'InReview')::integer AS in_review,
            count(*) FILTER (WHERE r.status = 'AwaitingApplicant')::integer AS awaiting_applicant,
            count(*) FILTER (WHERE r.status <> 'AwaitingApplicant' AND r.due_at < {now})::integer AS overdue,
            count(*) FILTER (WHERE a.band = 1)::integer AS up_to_half,
            count(*) FILTER (WHERE a.band = 2)::integer AS under_eighty,
            count(*) FILTER (WHERE a.band = 3)::integer AS eighty_to_full,
            count(*) FILTER (WHERE a.band = 4)::integer AS over,
            count(*) FILTER (WHERE a.band = 5)::integer AS no_target
        FROM requests r
        JOIN procedure_versions v ON v.id = r.procedure_version_id
        CROSS JOIN LATERAL (
            SELECT extract(epoch FROM coalesce(r.awaiting_applicant_since, {now}) - r.submitted_at - r.time_with_applicant) AS spent,
                   extract(epoch FROM r.due_at - r.submitted_at - r.time_with_applicant) AS target
        ) t
        CROSS JOIN LATERAL (
            SELECT CASE
                WHEN r.status = 'AwaitingPayment' OR r.submitted_at IS NULL THEN 0
                WHEN r.due_at IS NULL THEN 5
                WHEN t.spent * 2 <= t.target THEN 1
                WHEN t.spent * 10 < t.target * 8 THEN 2
                WHEN t.spent <= t.target THEN 3
                ELSE 4 END AS band
        ) a
        WHERE r.status IN ('AwaitingPayment', 'Submitted', 'InReview', 'AwaitingApplicant') AND v.procedure_id = ANY({ids})
        GROUP BY v.procedure_id
        """).ToListAsync(ct);

    private async Task<Dictionary<int, DurationHistogram>> DurationsAsync(int[] ids, RoomDays days, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<DurationRow>($"""
            SELECT procedure_id, days, sum(requests)::bigint AS decisions
            FROM supervision_durations_now
            WHERE measure = 'A' AND procedure_id = ANY({ids}) AND day >= {days.Month} AND day <= {days.Today}
            GROUP BY procedure_id, days
            """).ToListAsync(ct);
        var histograms = new Dictionary<int, DurationHistogram>();
        foreach (var row in rows)
        {
            if (!histograms.TryGetValue(row.ProcedureId, out var histogram))
            {
                histograms[row.ProcedureId] = histogram = new DurationHistogram();
            }
            histogram.Add(row.Days, row.Decisions);
        }
        return histograms;
    }

    private async Task<List<RoomActivity>> FeedAsync(RoomScope scope, Dictionary<int, string> titles, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<ActivityRow>($"""
            SELECT id, at, procedure_id, tracking_number, kind FROM supervision_activity
            WHERE ({scope.MinistryId ?? 0} = 0 OR ministry_id = {scope.MinistryId ?? 0})
              AND ({scope.OfficeId ?? 0} = 0 OR office_id = {scope.OfficeId ?? 0})
              AND ({scope.ProcedureId ?? 0} = 0 OR procedure_id = {scope.ProcedureId ?? 0})
            ORDER BY id DESC
            LIMIT {FeedLength}
            """).ToListAsync(ct);
        return [.. rows.Select(r => new RoomActivity(r.Id, r.At, r.TrackingNumber, titles.GetValueOrDefault(r.ProcedureId, ""), r.Kind))];
    }

    /// <summary>
    /// Per procedure and clerk: open requests assigned to it (and those in review), decisions it
    /// signed in the last 7 days.
    /// </summary>
    private Task<List<LoadRow>> LoadsAsync(int[] ids, RoomDays days, CancellationToken ct)
    {
        var since = new DateTimeOffset(days.Week.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return db.Database.SqlQuery<LoadRow>($"""
            SELECT procedure_id, clerk_id, sum(open)::integer AS open, sum(in_review)::integer AS in_review, sum(decided)::integer AS decided
            FROM (
                SELECT v.procedure_id, r.assigned_clerk_id AS clerk_id, 1 AS open, (r.status = 'InReview')::integer AS in_review, 0 AS decided
                FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE r.status IN ('AwaitingPayment', 'Submitted', 'InReview', 'AwaitingApplicant') AND r.assigned_clerk_id IS NOT NULL AND v.procedure_id = ANY({ids})
                UNION ALL
                SELECT v.procedure_id, r.decided_by_id, 0, 0, 1
                FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE r.decided_at >= {since} AND r.decided_by_id IS NOT NULL AND r.status IN ('Approved', 'Rejected')
                  AND v.procedure_id = ANY({ids})
            ) work
            GROUP BY procedure_id, clerk_id
            """).ToListAsync(ct);
    }

    /// <summary>
    /// Per clerk, over the scope: what <see cref="LoadsAsync"/> read. Staff of the ministry (or office)
    /// with nothing on their desk are listed too.
    /// </summary>
    private async Task<List<ClerkLoad>> WorkloadAsync(RoomScope scope, RoomFacts facts, CancellationToken ct)
    {
        var loads = facts.Loads();
        var clerkIds = loads.Keys.ToList();
        var ministry = scope.MinistryId ?? -1;
        var names = await db.Users.AsNoTracking()
            .Where(u => clerkIds.Contains(u.Id)
                || (u.MinistryId == ministry && u.ClosedAt == null && (scope.OfficeId == null || u.OfficeId == scope.OfficeId)
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Agent || r.Name == Roles.Supervisor)))))
            .Select(u => new { u.Id, u.FullName }).ToListAsync(ct);
        return [.. names
            .Select(u => loads.TryGetValue(u.Id, out var l) ? new ClerkLoad(u.Id, u.FullName, l.Open, l.InReview, l.Decided) : new ClerkLoad(u.Id, u.FullName, 0, 0, 0))
            .OrderByDescending(l => l.Open).ThenByDescending(l => l.Decided7Days).ThenBy(l => l.Name, StringComparer.CurrentCulture)];
    }
}

/// <summary>The Lomé days a snapshot counts in: today, the last 7 and 30 days (today included), this calendar month.</summary>
public sealed record RoomDays(DateOnly Today)
{
    public DateOnly Week => Today.AddDays(-6);

    /// <summary>The first of the last 30 days.</summary>
    public DateOnly Month => Today.AddDays(-29);

    public DateOnly CalendarMonth => new(Today.Year, Today.Month, 1);

    public DateOnly Earliest => Month < CalendarMonth ? Month : CalendarMonth;
}
