namespace ServicePublic.Web.Features.BackOffice;

/// <summary>The queue's filters, as they appear in its address (/agent?statut=…&amp;retard=1…).</summary>
public sealed class QueueFilter
{
    public const int PageSize = 25;

    /// <summary>The value of <see cref="Statut"/> for every request not decided yet.</summary>
    public const string Open = "ouvertes";

    /// <summary>A ministry's code: an administrator's choice (<see cref="BackOfficeScope"/>); anyone else stays on its own.</summary>
    public string? Ministere { get; set; }

    /// <summary>An office's code, narrowing a ministry's queue to it.</summary>
    public string? Bureau { get; set; }

    /// <summary>A status's name, or <see cref="Open"/>.</summary>
    public string? Statut { get; set; }
    public string? Demarche { get; set; }
    public bool Retard { get; set; }

    /// <summary>"moi", "personne", or a colleague's id.</summary>
    public string? Affectation { get; set; }

    /// <summary>"paye" or "impaye".</summary>
    public string? Paiement { get; set; }

    /// <summary>A tracking number, or part of the applicant's or business's name.</summary>
    public string? Q { get; set; }

    public int Page { get; set; } = 1;

    public RequestStatus? Status => Enum.TryParse<RequestStatus>(Statut, ignoreCase: true, out var s) && s != RequestStatus.Draft ? s : null;

    public bool OpenOnly => string.Equals(Statut, Open, StringComparison.OrdinalIgnoreCase);

    /// <summary>The same ministry and office (the place looked at), with only this status.</summary>
    public QueueFilter Within(string? statut) => new() { Ministere = Ministere, Bureau = Bureau, Statut = statut };

    public string Query(int? page = null, string? statut = null) =>
        string.Join('&', new[]
        {
            Pair(BackOfficeScope.MinistryParameter, Ministere),
            Pair(BackOfficeScope.OfficeParameter, Bureau),
            Pair("statut", statut ?? Statut),
            Pair("demarche", Demarche),
            Retard ? "retard=true" : null,
            Pair("affectation", Affectation),
            Pair("paiement", Paiement),
            Pair("q", Q),
            (page ?? Page) > 1 ? $"page={page ?? Page}" : null,
        }.Where(x => x is not null));

    private static string? Pair(string name, string? value) => value is { Length: > 0 } ? $"{name}={Uri.EscapeDataString(value)}" : null;
}

public sealed record QueueRow(Guid Id, string TrackingNumber, string Procedure, string Applicant, RequestStatus Status,
    DateTimeOffset? SubmittedAt, DateTimeOffset? DueAt, string? AssignedTo, bool Paid, bool FeeDue)
{
    public bool IsOverdue(DateTimeOffset now) => Request.IsOverdueAt(Status, DueAt, now);
}

public sealed record QueuePage(Clerk Clerk, QueueFilter Filter, IReadOnlyList<QueueRow> Rows, int Total,
    IReadOnlyDictionary<RequestStatus, int> Counts, IReadOnlyList<(string Slug, string Title)> Procedures,
    IReadOnlyList<(string Id, string Name)> Colleagues, string? Ministry, string? Office, DateTimeOffset Now)
{
    public int Pages => Math.Max(1, (Total + QueueFilter.PageSize - 1) / QueueFilter.PageSize);
}

/// <summary>
/// Reads the queue: filters, counts per status, sorting by due date (oldest first, undated last).
/// A page sorts and cuts the requests alone — through <c>ix_requests_queue_order</c>, 25 rows read
/// rather than a ministry's every request — then reads names and payment for those 25 only.
/// </summary>
public sealed class QueueQueries(AppDbContext db, BackOfficeScope scope)
{
    /// <summary>Every row of the filtered list, in order (the CSV export).</summary>
    public IQueryable<QueueRow> Rows(Clerk clerk, QueueFilter filter, DateTimeOffset now) => Shown(Sorted(Filtered(clerk, filter, now)));

    private IQueryable<Request> Filtered(Clerk clerk, QueueFilter filter, DateTimeOffset now)
    {
        var requests = scope.Requests(clerk);
        if (filter.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }
        else if (filter.OpenOnly)
        {
            requests = requests.Where(Request.Open());
        }
        if (filter.Retard)
        {
            requests = requests.Where(Request.Overdue(now));
        }
        if (filter.Affectation == "moi")
        {
            requests = requests.Where(r => r.AssignedClerkId == clerk.Id);
        }
        else if (filter.Affectation == "personne")
        {
            requests = requests.Where(r => r.AssignedClerkId == null);
        }
        else if (filter.Affectation is { Length: > 0 } colleague)
        {
            requests = requests.Where(r => r.AssignedClerkId == colleague);
        }
        var paid = Paid;
        if (filter.Paiement == "paye")
        {
            requests = requests.Where(r => paid.Any(p => p.RequestId == r.Id));
        }
        else if (filter.Paiement == "impaye")
        {
            requests = requests.Where(r => !paid.Any(p => p.RequestId == r.Id));
        }
        if (filter.Demarche is { Length: > 0 } slug)
        {
            requests = requests.Where(r => r.ProcedureVersion.Procedure.Slug == slug);
        }
        if (filter.Q?.Trim() is { Length: > 0 } q)
        {
            var pattern = LikePattern.Containing(q);
            requests = requests.Where(r => r.TrackingNumber == q.ToUpperInvariant()
                || EF.Functions.ILike(r.BusinessId == null
                    ? db.Users.Where(u => u.Id == r.ApplicantId).Select(u => u.FullName).First()
                    : db.Businesses.Where(b => b.Id == r.BusinessId).Select(b => b.Name).First(), pattern, LikePattern.Escape));
        }
        return requests;
    }

    private IQueryable<Payment> Paid => db.Payments.Where(p => p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Refunded);

    /// <summary>
    /// Due date first, undated last: PostgreSQL sorts NULLs last in ascending order, so the plain
    /// columns give that order and <c>ix_requests_queue_order</c> can hand it over ready.
    /// </summary>
    private static IOrderedQueryable<Request> Sorted(IQueryable<Request> requests) =>
        requests.OrderBy(r => r.DueAt).ThenBy(r => r.SubmittedAt).ThenBy(r => r.CreatedAt);

    /// <summary>What a row shows, read for the requests given (kept in the same order).</summary>
    private IQueryable<QueueRow> Shown(IQueryable<Request> requests)
    {
        var paid = Paid;
        return from r in Sorted(requests)
               join u in db.Users on r.ApplicantId equals u.Id
               let isPaid = paid.Any(p => p.RequestId == r.Id)
               select new QueueRow(r.Id, r.TrackingNumber!, r.ProcedureVersion.Title,
                   r.BusinessId == null ? u.FullName : db.Businesses.Where(b => b.Id == r.BusinessId).Select(b => b.Name).First(),
                   r.Status, r.SubmittedAt, r.DueAt,
                   db.Users.Where(c => c.Id == r.AssignedClerkId).Select(c => c.FullName).FirstOrDefault(),
                   isPaid, r.Status == RequestStatus.AwaitingPayment || isPaid);
    }

    public async Task<QueuePage> PageAsync(Clerk clerk, QueueFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var counts = await scope.CountsAsync(clerk, ct);
        var requests = Filtered(clerk, filter, now);
        var total = CountedByStatus(filter, counts) ?? await requests.CountAsync(ct);
        filter.Page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + QueueFilter.PageSize - 1) / QueueFilter.PageSize));
        var page = await Shown(Sorted(requests).Skip((filter.Page - 1) * QueueFilter.PageSize).Take(QueueFilter.PageSize)).ToListAsync(ct);
        var procedures = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.IsCurrent && v.Procedure.MinistryId == (clerk.MinistryId ?? -1) && (clerk.OfficeId == null || v.Procedure.OfficeId == clerk.OfficeId))
            .OrderBy(v => v.Title).Select(v => new { v.Procedure.Slug, v.Title }).ToListAsync(ct);
        var ministry = await db.Ministries.Where(m => m.Id == clerk.MinistryId).Select(m => m.Name).FirstOrDefaultAsync(ct);
        var office = await db.Offices.Where(o => o.Id == clerk.OfficeId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var colleagues = clerk.IsSupervisor ? await scope.ColleaguesAsync(clerk, ct) : [];
        return new QueuePage(clerk, filter, page, total, counts, [.. procedures.Select(p => (p.Slug, p.Title))], colleagues, ministry, office, now);
    }

    /// <summary>The list's length from the counts per status, when no other filter narrows it (no second count of the place's requests).</summary>
    private static int? CountedByStatus(QueueFilter filter, IReadOnlyDictionary<RequestStatus, int> counts)
    {
        if (filter.Retard || filter.Affectation is { Length: > 0 } || filter.Paiement is "paye" or "impaye" || filter.Demarche is { Length: > 0 }
            || filter.Q?.Trim() is { Length: > 0 })
        {
            return null;
        }
        return filter.Status is { } status ? counts.GetValueOrDefault(status)
            : filter.OpenOnly ? counts.Where(c => Request.IsOpenStatus(c.Key)).Sum(c => c.Value)
            : counts.Values.Sum();
    }
}
