using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.Web.Features.Requests;

/// <summary>/demandes: my requests and my businesses', drafts included, filterable by status.</summary>
[Authorize]
public sealed class MyRequestsController(RequestAccess access, AppDbContext db) : Controller
{
    [HttpGet("/demandes")]
    public async Task<IActionResult> Index(string? statut, CancellationToken ct)
    {
        var status = statut is not null && RequestLabels.Slugs.TryGetValue(statut, out var s) ? s : (RequestStatus?)null;
        var mine = access.Mine();
        var counts = await mine.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rows = await (status is null ? mine : mine.Where(r => r.Status == status))
            .OrderByDescending(r => r.UpdatedAt)
            .Take(200)
            .Join(db.ProcedureVersions, r => r.ProcedureVersionId, v => v.Id, (r, v) => new { r, v.Title, Slug = v.Procedure.Slug })
            .GroupJoin(db.Businesses, x => x.r.BusinessId, b => b.Id, (x, b) => new { x.r, x.Title, x.Slug, Businesses = b })
            .SelectMany(x => x.Businesses.DefaultIfEmpty(), (x, b) => new MyRequestRow(
                x.r.Id, x.r.TrackingNumber, x.Title, x.Slug, x.r.Status, b == null ? null : b.Name, x.r.UpdatedAt, x.r.DueAt))
            .ToListAsync(ct);
        return View(new MyRequestsModel(rows, counts, status));
    }
}

public sealed record MyRequestRow(Guid Id, string? TrackingNumber, string Procedure, string Slug, RequestStatus Status, string? Business, DateTimeOffset UpdatedAt, DateTimeOffset? DueAt)
{
    /// <summary>Drafts have no tracking number yet: they open at their own address.</summary>
    public string Link => TrackingNumber is null ? $"/demandes/brouillons/{Id}" : $"/demandes/{TrackingNumber}";
}

public sealed record MyRequestsModel(IReadOnlyList<MyRequestRow> Rows, IReadOnlyDictionary<RequestStatus, int> Counts, RequestStatus? Filter);
