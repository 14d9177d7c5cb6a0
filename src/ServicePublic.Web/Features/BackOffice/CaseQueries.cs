using ServicePublic.Web.Domain.Documents;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>
/// Reads a clerk's cases: the requests it may act on (tracked, with their version, for
/// <see cref="CaseActions"/>) and everything a case page shows. Another ministry's request is not found.
/// </summary>
public sealed class CaseQueries(AppDbContext db, BackOfficeScope scope, StaffAccessRefusals refusals, Appointments.AppointmentQueries appointments, TimeProvider clock)
{
    /// <summary>The signed-in clerk and, when it may see it, the request with its version, events, documents and messages.</summary>
    public async Task<(Clerk? Clerk, Request? Request)> FindAsync(string trackingNumber, CancellationToken ct)
    {
        var clerk = await scope.ClerkAsync(ct);
        if (clerk is null)
        {
            return (null, null);
        }
        clerk = await scope.ForCaseAsync(clerk, trackingNumber, ct);
        // Split: in one query each event came once per file and message, each row with the version's
        // form, documents and fees (24 rows, about 300 kB, for an approved importer card).
        var request = await scope.Requests(clerk).Include(r => r.ProcedureVersion)
            .Include(r => r.Events).Include(r => r.Attachments).Include(r => r.Messages).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.TrackingNumber == trackingNumber, ct);
        if (request is null && await db.Requests.AnyAsync(r => r.TrackingNumber == trackingNumber && r.Status != RequestStatus.Draft, ct))
        {
            // Another ministry's or office's request: the same 404 as none, and an entry.
            await refusals.RecordAsync(trackingNumber, "dossier", ct);
        }
        return (clerk, request);
    }

    /// <summary>The selected requests the clerk may see, ready for a batch of actions; the others are left out.</summary>
    public Task<List<Request>> SelectionAsync(Clerk clerk, Guid[] selection, CancellationToken ct) =>
        scope.Requests(clerk).Where(r => selection.Contains(r.Id)).Include(r => r.ProcedureVersion).Include(r => r.Events).AsSplitQuery().ToListAsync(ct);

    /// <param name="posted">What the clerk had typed, shown again with a refusal.</param>
    public async Task<CasePage> PageAsync(Clerk clerk, Request request, CaseCommand? posted, CancellationToken ct)
    {
        var version = request.ProcedureVersion;
        var applicant = await db.Users.AsNoTracking().Where(u => u.Id == request.ApplicantId)
            .Select(u => new CaseApplicant(u.FullName, u.Email, u.PhoneNumber, u.NationalId)).SingleAsync(ct);
        var business = request.BusinessId is null ? null : await db.Businesses.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.BusinessId, ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.RequestId == request.Id).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var people = request.Events.Select(e => e.ActorId).Concat(request.Messages.Select(m => (string?)m.AuthorId)).Append(request.AssignedClerkId)
            .Where(id => id is not null).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var colleagues = clerk.IsSupervisor ? await scope.ColleaguesAsync(clerk, ct) : [];
        var document = await db.IssuedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.RequestId == request.Id, ct);
        return new CasePage(clerk, request, version, applicant, business, payments, names, colleagues,
            FeeQuote.For(version.Fees, version.Form, request.Answers, request.ApplicantKind, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), posted, document, clock.GetUtcNow())
        {
            Appointment = await appointments.PanelAsync(request, atCounter: true, ct),
        };
    }
}

public sealed record CaseApplicant(string FullName, string? Email, string? Phone, string? NationalId);

/// <param name="Now">The clock's time, for "en retard".</param>
public sealed record CasePage(Clerk Clerk, Request Request, ProcedureVersion Version, CaseApplicant Applicant, Business? Business,
    IReadOnlyList<Payment> Payments, IReadOnlyDictionary<string, string> Names, IReadOnlyList<(string Id, string Name)> Colleagues,
    FeeQuote Quote, CaseCommand? Posted, IssuedDocument? Document, DateTimeOffset Now)
{
    /// <summary>The in-person step, for a procedure that has one.</summary>
    public Appointments.AppointmentPanel? Appointment { get; init; }

    public bool Can(RequestStatus to) => RequestTransitions.IsAllowed(Request.Status, to, RequestActor.Clerk);

    /// <summary>The operation refused, whose form opens again with what was typed.</summary>
    public CaseOperation? Operation => Posted?.Operation;

    public string Name(string? userId) => userId is not null && Names.TryGetValue(userId, out var name) ? name : "—";
}
