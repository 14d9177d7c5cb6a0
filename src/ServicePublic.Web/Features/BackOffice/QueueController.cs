using CsvHelper;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>The clerks' queue at /agent: their ministry's (and office's) requests, filtered, counted, exported, handled in batches.</summary>
[Authorize(Policy = Policies.BackOffice)]
public sealed class QueueController(AppDbContext db, BackOfficeScope scope, QueueQueries queries, CaseQueries cases, CaseActions actions, AuditLog audit, TimeProvider clock) : Controller
{
    [HttpGet("/agent")]
    public async Task<IActionResult> Index([FromQuery] QueueFilter filter, CancellationToken ct)
    {
        var clerk = await scope.ClerkAsync(ct);
        if (clerk is null)
        {
            return Challenge();
        }
        return clerk.NoSuchPlace ? NotFound() : View(await queries.PageAsync(clerk, filter, clock.GetUtcNow(), ct));
    }

    /// <summary>The filtered list (every page) as a file for a spreadsheet.</summary>
    [HttpGet("/agent/demandes.csv")]
    public async Task<IActionResult> Export([FromQuery] QueueFilter filter, CancellationToken ct)
    {
        var clerk = await scope.ClerkAsync(ct) ?? throw new InvalidOperationException("Policy lets only staff in.");
        if (clerk.NoSuchPlace)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        // A file of applicants' names leaves the portal: who took it, and which list, is audited first.
        await audit.RecordAsync(AuditActions.RequestsExported, null, Request.QueryString.HasValue ? Request.QueryString.Value : "(toutes)", ct: ct);
        Response.ContentType = SpreadsheetCsv.ContentType;
        Response.Headers.ContentDisposition = $"attachment; filename=demandes-{now:yyyy-MM-dd}.csv";
        Response.Headers.CacheControl = "no-store";
        await using var csv = CsvWriter.Create(Response.Body, SpreadsheetCsv.Options, leaveOpen: true);
        csv.WriteHeader(["Numéro de suivi", "Démarche", "Demandeur", "État", "Déposée le (UTC)", "Échéance (UTC)", "En retard", "Agent", "Payée"]);
        await foreach (var row in queries.Rows(clerk, filter, now).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.WriteField(row.TrackingNumber);
            csv.WriteField(row.Procedure);
            csv.WriteField(row.Applicant);
            csv.WriteField(RequestLabels.Status(row.Status));
            csv.WriteField(row.SubmittedAt?.ToUniversalTime().ToString(SpreadsheetCsv.Timestamp, System.Globalization.CultureInfo.InvariantCulture));
            csv.WriteField(row.DueAt?.ToUniversalTime().ToString(SpreadsheetCsv.Timestamp, System.Globalization.CultureInfo.InvariantCulture));
            csv.WriteField(row.IsOverdue(now) ? "oui" : "non");
            csv.WriteField(row.AssignedTo);
            csv.WriteField(row.FeeDue ? (row.Paid ? "oui" : "non") : "sans frais");
            await csv.EndRecordAsync(ct);
        }
        return new EmptyResult();
    }

    /// <summary>One action on the selected rows: take them, assign them (supervisors), start their review.</summary>
    [HttpPost("/agent/lot")]
    public async Task<IActionResult> Batch(Guid[] selection, [ModelBinder(typeof(CaseOperationBinder))] CaseOperation? operation, string? agent, string? retour,
        CancellationToken ct)
    {
        var clerk = await scope.ClerkAsync(ct);
        if (clerk is null)
        {
            return Challenge();
        }
        if (clerk.NoSuchPlace)
        {
            return NotFound();
        }
        var back = retour is { Length: > 0 } && Url.IsLocalUrl(retour) && retour.StartsWith(BackOfficePaths.Queue, StringComparison.Ordinal) ? retour : BackOfficePaths.Queue;
        if (selection.Length == 0 || operation is not { } batch || !batch.IsBatch())
        {
            TempData["Notice"] = "Cochez au moins une demande et choisissez une action.";
            return Redirect(back);
        }
        var requests = await cases.SelectionAsync(clerk, selection, ct);
        int done = 0, refused = selection.Length - requests.Count;
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                if (await actions.ApplyAsync(clerk, requests[i], new CaseCommand(batch, Agent: agent), ct))
                {
                    done++;
                }
            }
            catch (BusinessRuleException)
            {
                refused++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed by someone else since it was read: left out. What this action had changed of
                // it (and the notice it had queued) is forgotten with the rest of the tracked state, and
                // the requests still to do are read again.
                refused++;
                db.ChangeTracker.Clear();
                var rest = requests.Skip(i + 1).Select(r => r.Id).ToArray();
                var reread = await cases.SelectionAsync(clerk, rest, ct);
                refused += rest.Length - reread.Count;
                requests = [.. requests.Take(i + 1), .. reread];
            }
        }
        TempData["Notice"] = refused == 0
            ? $"{done} demande(s) traitée(s)."
            : $"{done} demande(s) traitée(s) ; {refused} ignorée(s) : l'action n'est pas possible dans leur état, ou elles ont changé entre-temps.";
        return Redirect(back);
    }
}
