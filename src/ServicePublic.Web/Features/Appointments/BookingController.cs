using System.Globalization;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Appointments;

/// <summary>
/// The applicant's appointment for its request's visit to the counter: choose a place, a day and
/// a time (a plain form: no script needed), move it, cancel it, ask to hear of an earlier date.
/// Another person's request is a 404, as everywhere.
/// </summary>
[Authorize]
public sealed class BookingController(RequestAccess access, AppointmentQueries queries, AppointmentDesk desk) : Controller
{
    private string UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;

    [HttpGet("/demandes/{trackingNumber}/rendez-vous")]
    public async Task<IActionResult> Booking(string trackingNumber, int? lieu, DateOnly? jour, CancellationToken ct)
    {
        var request = await access.FindByTrackingNumberAsync(trackingNumber, ct);
        var page = request is null ? null : await queries.BookingAsync(request, atCounter: false, lieu, jour, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("/demandes/{trackingNumber}/rendez-vous")]
    public async Task<IActionResult> Book(string trackingNumber, long? creneau, int? lieu, DateOnly? jour, bool plusTot, CancellationToken ct)
    {
        if (await RequestWithStepAsync(trackingNumber, ct) is not (var request, var step))
        {
            return NotFound();
        }
        try
        {
            await desk.BookAsync(request, step, creneau ?? 0, new Booker(UserId, AtCounter: false), plusTot, ct);
            TempData["Notice"] = "Votre rendez-vous est enregistré. Vous le recevez aussi par SMS et par e-mail.";
            return Redirect(AppointmentPaths.OnRequest(trackingNumber));
        }
        catch (BusinessRuleException ex)
        {
            return await this.RefusedAsync(queries, ex, request, atCounter: false, lieu, jour, ct);
        }
    }

    [HttpPost("/demandes/{trackingNumber}/rendez-vous/annuler")]
    public async Task<IActionResult> Cancel(string trackingNumber, CancellationToken ct)
    {
        if (await RequestWithStepAsync(trackingNumber, ct) is not (var request, var step))
        {
            return NotFound();
        }
        try
        {
            await desk.CancelAsync(request, step, new Booker(UserId, AtCounter: false), ct);
            TempData["Notice"] = "Votre rendez-vous est annulé. Vous pouvez en prendre un autre quand vous voulez.";
        }
        catch (BusinessRuleException ex)
        {
            TempData["Notice"] = ex.Message;
        }
        return Redirect(AppointmentPaths.OnRequest(trackingNumber));
    }

    [HttpPost("/demandes/{trackingNumber}/rendez-vous/plus-tot")]
    public async Task<IActionResult> Earlier(string trackingNumber, bool souhaite, CancellationToken ct)
    {
        var request = await access.FindByTrackingNumberAsync(trackingNumber, ct);
        if (request is null)
        {
            return NotFound();
        }
        try
        {
            await desk.WaitForEarlierAsync(request, souhaite, ct);
            TempData["Notice"] = souhaite
                ? "Entendu : si une date plus proche se libère, vous serez prévenu par SMS et par e-mail (trois fois au plus)."
                : "Vous ne serez plus prévenu des dates qui se libèrent.";
        }
        catch (BusinessRuleException ex)
        {
            TempData["Notice"] = ex.Message;
        }
        return Redirect(AppointmentPaths.OnRequest(trackingNumber));
    }

    /// <summary>The user's own request and its procedure's visit, or null (a 404) when either is missing.</summary>
    private async Task<(Request Request, InPersonStep Step)?> RequestWithStepAsync(string trackingNumber, CancellationToken ct) =>
        await access.FindByTrackingNumberAsync(trackingNumber, ct) is { } request && await desk.StepAsync(request.ProcedureVersion.ProcedureId, ct) is { } step
            ? (request, step)
            : null;
}
