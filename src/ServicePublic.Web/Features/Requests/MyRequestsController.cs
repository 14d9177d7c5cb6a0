namespace ServicePublic.Web.Features.Requests;

/// <summary>/demandes: my requests and my businesses', drafts included, filterable by status.</summary>
[Authorize]
public sealed class MyRequestsController(RequestQueries queries) : Controller
{
    [HttpGet("/demandes")]
    public async Task<IActionResult> Index(string? statut, CancellationToken ct)
    {
        var status = statut is not null && RequestLabels.Slugs.TryGetValue(statut, out var s) ? s : (RequestStatus?)null;
        return View(await queries.MineAsync(status, ct));
    }
}

public sealed record MyRequestRow(Guid Id, string? TrackingNumber, string Procedure, RequestStatus Status, string? Business, DateTimeOffset UpdatedAt)
{
    /// <summary>Drafts have no tracking number yet: they open at their own address.</summary>
    public string Link => RequestPaths.Of(Id, TrackingNumber);
}

public sealed record MyRequestsModel(IReadOnlyList<MyRequestRow> Rows, IReadOnlyDictionary<RequestStatus, int> Counts, RequestStatus? Filter)
{
    /// <summary>The list shows the most recently updated requests, up to this many.</summary>
    public const int MaxRows = 200;
}
