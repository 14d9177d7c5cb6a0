using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Features.Accounts;
using ServicePublic.Web.Infrastructure.Files;

namespace ServicePublic.Web.Features.Requests;

/// <summary>
/// What the applicant's pages read: their list, the anonymous tracking answer, and the models of
/// the start, draft and request pages. The procedure comes through the request's own version.
/// </summary>
public sealed class RequestQueries(AppDbContext db, RequestAccess access, ActingContext acting, IOptions<FileStoreOptions> files, Appointments.AppointmentQueries appointments, TimeProvider clock)
{
    /// <summary>
    /// The list, newest first, and the count per status. One query when the account has fewer
    /// than <see cref="MyRequestsModel.MaxRows"/> requests (nearly always): the rows read are all
    /// of them, so they give the counts and the filtered list too.
    /// </summary>
    public async Task<MyRequestsModel> MineAsync(RequestStatus? status, CancellationToken ct)
    {
        var mine = access.MineListed();
        var newest = await RowsAsync(mine, ct);
        if (newest.Count < MyRequestsModel.MaxRows)
        {
            return new MyRequestsModel(status is null ? newest : [.. newest.Where(r => r.Status == status)], newest.CountBy(r => r.Status).ToDictionary(), status);
        }
        var counts = await mine.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rows = status is null ? newest : await RowsAsync(mine.Where(r => r.Status == status), ct);
        return new MyRequestsModel(rows, counts, status);
    }

    /// <summary>The newest of these requests, with what the list shows: procedure title and business name, read for those rows only.</summary>
    private Task<List<MyRequestRow>> RowsAsync(IQueryable<ListedRequest> requests, CancellationToken ct) =>
        (from r in requests.OrderByDescending(r => r.UpdatedAt).Take(MyRequestsModel.MaxRows)
         join v in db.ProcedureVersions on r.ProcedureVersionId equals v.Id
         orderby r.UpdatedAt descending
         select new MyRequestRow(r.Id, r.TrackingNumber, v.Title, r.Status,
             db.Businesses.Where(b => b.Id == r.BusinessId).Select(b => b.Name).FirstOrDefault(), r.UpdatedAt))
        .ToListAsync(ct);

    /// <summary>Both the number and the check code must match; anything else is "not found".</summary>
    public Task<TrackingResult?> TrackAsync(string trackingNumber, string checkCode, CancellationToken ct) =>
        db.Requests.AsNoTracking()
            .Where(r => r.TrackingNumber == trackingNumber && r.CheckCode == checkCode)
            .Select(r => new TrackingResult(r.TrackingNumber!, r.ProcedureVersion.Title, r.Status, r.SubmittedAt, r.DueAt, r.UpdatedAt)
            {
                Appointment = db.Appointments
                    .Where(a => a.RequestId == r.Id && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Present))
                    .Select(a => new TrackedAppointment(a.StartsAt, a.Slot.Place.Name, a.Code)).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);

    public Task<ProcedureVersion?> CurrentVersionAsync(string slug, CancellationToken ct) =>
        db.ProcedureVersions.AsNoTracking().Include(v => v.Procedure)
            .SingleOrDefaultAsync(v => v.IsCurrent && v.Procedure.Slug == slug, ct);

    public async Task<StartModel> StartModelAsync(ProcedureVersion version)
    {
        var businesses = version.Audience.Includes(Audience.Companies) ? await acting.MyBusinessesAsync() : [];
        var current = await acting.CurrentAsync();
        return new StartModel(version, businesses, current?.Id);
    }

    /// <summary>The form of a draft (or of a correction) as found by <see cref="RequestAccess.FindDraftAsync"/>, with its version.</summary>
    public async Task<DraftModel> DraftModelAsync(Request request, CancellationToken ct)
    {
        var version = request.ProcedureVersion;
        var business = request.BusinessId is null ? null
            : await db.Businesses.Where(b => b.Id == request.BusinessId).Select(b => b.Name).SingleOrDefaultAsync(ct);
        var applicant = request.ApplicantKind;
        var fields = version.Form.Where(f => FormDefinition.AppliesTo(f, applicant)).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var before = request.MovedFromVersionId is { } id
            ? await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == id).Select(v => v.Form).SingleOrDefaultAsync(ct)
            : null;
        var whatIsNew = before is null ? [] : Edition.DefinitionDiff.Fields(before, version.Form).Where(c => c.What != "Ordre").ToList();
        return new DraftModel(request, version, fields, applicant, business, FeeQuote.For(version.Fees, version.Form, request.Answers, applicant, today),
            today, files.Value.MaxMegabytes, whatIsNew);
    }

    /// <summary>A request as found by <see cref="RequestAccess.FindByTrackingNumberAsync"/>, with its receipts and issued document.</summary>
    public async Task<RequestPage> DetailsAsync(Request request, CancellationToken ct)
    {
        var receipts = await db.Payments.AsNoTracking()
            .Where(p => p.RequestId == request.Id && p.ReceiptNumber != null)
            .OrderBy(p => p.CompletedAt)
            .Select(p => new ReceiptLink(p.ReceiptNumber!, p.Amount, p.Status == PaymentStatus.Refunded))
            .ToListAsync(ct);
        var issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.RequestId == request.Id)
            .Select(d => new IssuedDocumentLink(d.Kind, d.Number)).SingleOrDefaultAsync(ct);
        // Who filed it and for which business, in one round trip.
        var named = await db.Requests.AsNoTracking().Where(r => r.Id == request.Id)
            .Select(r => new
            {
                Applicant = db.Users.Where(u => u.Id == r.ApplicantId).Select(u => u.FullName).FirstOrDefault(),
                Business = db.Businesses.Where(b => b.Id == r.BusinessId).Select(b => new { b.Name, b.Nif }).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var requestFor = new RequestFor(named.Applicant ?? "—", named.Business?.Name, named.Business?.Nif);
        return new RequestPage(request, request.ProcedureVersion, requestFor, receipts, issued)
        {
            Appointment = await appointments.PanelAsync(request, atCounter: false, ct),
        };
    }
}
