namespace ServicePublic.Web.Features.Administration;

/// <summary>Administrators read the audit journal and check that its chain is intact.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class JournalController(JournalQueries queries, AuditChain chain) : Controller
{
    [HttpGet(AdministrationPaths.Journal)]
    public async Task<IActionResult> Index(string? type, string? sujet, string? page, CancellationToken ct) =>
        View("Journal", await queries.ListAsync(type, sujet, int.TryParse(page, out var p) ? p : 1, null, ct));

    [HttpPost(AdministrationPaths.JournalVerify)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Verify(CancellationToken ct)
    {
        var result = await chain.VerifyAsync(ct);
        return View("Journal", await queries.ListAsync(null, null, 1, result, ct));
    }
}
