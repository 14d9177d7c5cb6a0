using System.Globalization;
using ServicePublic.Web.Features.BackOffice;

namespace ServicePublic.Web.Features.Appointments;

/// <summary>
/// The counter, for clerks of the ministry (or office): the day's appointments at a place, marked
/// present, served or absent; booking, moving or cancelling for an applicant in front of them; an
/// invitation to book. Supervisors set the places (hours, closures) and each procedure's visit.
/// Another ministry's place, appointment or request is a 404.
/// </summary>
[Authorize(Policy = Policies.BackOffice)]
public sealed class CounterController(BackOfficeScope scope, CaseQueries cases, AppointmentQueries queries, AppointmentDesk desk, CounterDesk counter, AppDbContext db) : Controller
{
    [HttpGet(AppointmentPaths.Day)]
    public async Task<IActionResult> Day(int? lieu, DateOnly? jour, CancellationToken ct)
    {
        var clerk = await scope.ClerkAsync(ct);
        return clerk is null || clerk.NoSuchPlace ? NotFound() : View(await queries.DayAsync(clerk, lieu, jour, ct));
    }

    [HttpPost("/agent/rendez-vous/{id:guid}")]
    public async Task<IActionResult> Mark(Guid id, string? etat, CancellationToken ct)
    {
        var clerk = await scope.ClerkAsync(ct);
        var appointment = clerk is null ? null : await counter.FindAsync(clerk, id, ct);
        if (appointment is null)
        {
            return NotFound();
        }
        var back = AppointmentPaths.DayOf(appointment.Slot.PlaceId, DateOnly.FromDateTime(appointment.StartsAt.UtcDateTime));
        AppointmentStatus? status = etat switch { "present" => AppointmentStatus.Present, "servi" => AppointmentStatus.Served, "absent" => AppointmentStatus.Absent, _ => null };
        try
        {
            await counter.MarkAsync(clerk!, appointment, status ?? throw new BusinessRuleException("Action inconnue."), ct);
            TempData["Notice"] = "C'est enregistré.";
        }
        catch (BusinessRuleException ex)
        {
            TempData["Notice"] = ex.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Notice"] = "Ce dossier vient d'être modifié par quelqu'un d'autre : voici son état actuel. Refaites votre action si elle est toujours utile.";
        }
        return Redirect(back + "#rdv-" + id);
    }

    [HttpGet("/agent/demandes/{trackingNumber}/rendez-vous")]
    public async Task<IActionResult> Booking(string trackingNumber, int? lieu, DateOnly? jour, CancellationToken ct)
    {
        var (_, request) = await cases.FindAsync(trackingNumber, ct);
        var page = request is null ? null : await queries.BookingAsync(request, atCounter: true, lieu, jour, ct);
        return page is null ? NotFound() : View("Booking", page);
    }

    [HttpPost("/agent/demandes/{trackingNumber}/rendez-vous")]
    public async Task<IActionResult> Book(string trackingNumber, long? creneau, int? lieu, DateOnly? jour, CancellationToken ct)
    {
        if (await CaseWithStepAsync(trackingNumber, ct) is not (var clerk, var request, var step))
        {
            return NotFound();
        }
        try
        {
            var booked = await desk.BookAsync(request, step, creneau ?? 0, new Booker(clerk.Id, AtCounter: true), wantsEarlier: false, ct);
            await counter.AuditBookingAsync(clerk, request, booked, ct);
            TempData["Notice"] = "Le rendez-vous est enregistré ; l'usager le reçoit par SMS et par e-mail.";
            return Redirect(BackOfficePaths.Case(trackingNumber) + "#rendez-vous");
        }
        catch (BusinessRuleException ex)
        {
            return await this.RefusedAsync(queries, ex, request, atCounter: true, lieu, jour, ct);
        }
    }

    [HttpPost("/agent/demandes/{trackingNumber}/rendez-vous/annuler")]
    public async Task<IActionResult> Cancel(string trackingNumber, CancellationToken ct)
    {
        if (await CaseWithStepAsync(trackingNumber, ct) is not (var clerk, var request, var step))
        {
            return NotFound();
        }
        try
        {
            await desk.CancelAsync(request, step, new Booker(clerk.Id, AtCounter: true), ct);
            TempData["Notice"] = "Le rendez-vous est annulé ; l'usager en est prévenu.";
        }
        catch (BusinessRuleException ex)
        {
            TempData["Notice"] = ex.Message;
        }
        return Redirect(BackOfficePaths.Case(trackingNumber) + "#rendez-vous");
    }

    [HttpPost("/agent/demandes/{trackingNumber}/rendez-vous/inviter")]
    public async Task<IActionResult> Invite(string trackingNumber, CancellationToken ct)
    {
        if (await CaseWithStepAsync(trackingNumber, ct) is not (var clerk, var request, _))
        {
            return NotFound();
        }
        try
        {
            await counter.InviteAsync(clerk, request, ct);
            TempData["Notice"] = "L'usager est invité à prendre rendez-vous, par SMS et par e-mail.";
        }
        catch (BusinessRuleException ex)
        {
            TempData["Notice"] = ex.Message;
        }
        return Redirect(BackOfficePaths.Case(trackingNumber) + "#rendez-vous");
    }

    [HttpGet(AppointmentPaths.Places)]
    public async Task<IActionResult> Places(CancellationToken ct)
    {
        if (await SupervisorAsync(ct) is not { } clerk)
        {
            return NotFound();
        }
        var places = await queries.PlacesOfAsync(clerk, ct);
        var procedures = await (
            from p in counter.ProceduresOf(clerk)
            join s in db.InPersonSteps on p.Id equals s.ProcedureId into steps
            from s in steps.DefaultIfEmpty()
            orderby p.Slug
            select new StepLine(p.Slug, p.Versions.Where(v => v.IsCurrent).Select(v => v.Title).FirstOrDefault() ?? p.Slug,
                s == null ? null : s.SlotMinutes, s == null ? null : s.PeoplePerSlot))
            .ToListAsync(ct);
        return View(new PlacesPage(places, procedures));
    }

    [HttpGet(AppointmentPaths.NewPlace)]
    public async Task<IActionResult> NewPlace(CancellationToken ct) =>
        await SupervisorAsync(ct) is { } clerk ? View("Place", await PlaceFormAsync(clerk, null, PlaceForm.Blank, ct)) : NotFound();

    [HttpGet("/agent/rendez-vous/lieux/{id:int}")]
    public async Task<IActionResult> EditPlace(int id, CancellationToken ct)
    {
        var clerk = await SupervisorAsync(ct);
        var place = clerk is null ? null : (await queries.PlacesOfAsync(clerk, ct)).FirstOrDefault(p => p.Id == id);
        return place is null ? NotFound() : View("Place", await PlaceFormAsync(clerk!, place.Id, PlaceForm.Of(place), ct));
    }

    [HttpPost(AppointmentPaths.NewPlace)]
    public Task<IActionResult> CreatePlace(PlaceForm form, CancellationToken ct) => SavePlaceAsync(null, form, ct);

    [HttpPost("/agent/rendez-vous/lieux/{id:int}")]
    public Task<IActionResult> UpdatePlace(int id, PlaceForm form, CancellationToken ct) => SavePlaceAsync(id, form, ct);

    private async Task<IActionResult> SavePlaceAsync(int? id, PlaceForm form, CancellationToken ct)
    {
        var clerk = await SupervisorAsync(ct);
        var place = clerk is null || id is null ? null : await db.Places.Include(p => p.Office).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (clerk is null || (id is not null && (place is null || (await queries.PlacesOfAsync(clerk, ct)).All(p => p.Id != id))))
        {
            return NotFound();
        }
        try
        {
            var (hours, closures) = form.Parse();
            await counter.SavePlaceAsync(clerk, place, form.Service, form.Nom ?? "", form.Adresse ?? "", hours, closures, ct);
            TempData["Notice"] = "Le lieu est enregistré.";
            return Redirect(AppointmentPaths.Places);
        }
        catch (BusinessRuleException ex)
        {
            this.AddError(PlaceForm.InputOf(ex.Field), ex.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Place", await PlaceFormAsync(clerk, id, form, ct));
        }
        catch (DbUpdateException)
        {
            this.AddError(nameof(PlaceForm.Nom), "Ce service a déjà un lieu de ce nom.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Place", await PlaceFormAsync(clerk, id, form, ct));
        }
    }

    [HttpGet("/agent/rendez-vous/demarches/{slug}")]
    public async Task<IActionResult> Step(string slug, CancellationToken ct)
    {
        var clerk = await SupervisorAsync(ct);
        var procedure = clerk is null ? null : await counter.ProceduresOf(clerk).SingleOrDefaultAsync(p => p.Slug == slug, ct);
        if (procedure is null)
        {
            return NotFound();
        }
        var step = await desk.StepAsync(procedure.Id, ct);
        return View(await StepPageAsync(clerk!, procedure, StepForm.Of(step), ct));
    }

    [HttpPost("/agent/rendez-vous/demarches/{slug}")]
    public async Task<IActionResult> SaveStep(string slug, StepForm form, CancellationToken ct)
    {
        var clerk = await SupervisorAsync(ct);
        var procedure = clerk is null ? null : await counter.ProceduresOf(clerk).SingleOrDefaultAsync(p => p.Slug == slug, ct);
        if (procedure is null)
        {
            return NotFound();
        }
        try
        {
            await counter.SaveStepAsync(clerk!, procedure, form.Ouverture, form.Minutes, form.Personnes, form.Delai, form.Apporter ?? "", [.. form.Lieux ?? []], ct);
            TempData["Notice"] = "Le passage au guichet de cette démarche est enregistré.";
            return Redirect(AppointmentPaths.Places);
        }
        catch (BusinessRuleException ex)
        {
            db.ChangeTracker.Clear();
            this.AddError(StepForm.InputOf(ex.Field), ex.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Step", await StepPageAsync(clerk!, procedure, form, ct));
        }
    }

    /// <summary>The case as the clerk may see it, with its clerk and its procedure's visit; null (a 404) when any is missing.</summary>
    private async Task<(Clerk Clerk, Request Request, InPersonStep Step)?> CaseWithStepAsync(string trackingNumber, CancellationToken ct) =>
        await cases.FindAsync(trackingNumber, ct) is ({ } clerk, { } request) && await desk.StepAsync(request.ProcedureVersion.ProcedureId, ct) is { } step
            ? (clerk, request, step)
            : null;

    /// <summary>A supervisor (or administrator) of a ministry: who sets places and steps. Anyone else gets a 404.</summary>
    private async Task<Clerk?> SupervisorAsync(CancellationToken ct) =>
        await scope.ClerkAsync(ct) is { IsSupervisor: true, NoSuchPlace: false, MinistryId: not null } clerk ? clerk : null;

    private async Task<PlacePage> PlaceFormAsync(Clerk clerk, int? id, PlaceForm form, CancellationToken ct)
    {
        var offices = await db.Offices.AsNoTracking().Where(o => o.MinistryId == clerk.MinistryId && (clerk.OfficeId == null || o.Id == clerk.OfficeId))
            .OrderBy(o => o.Name).Select(o => new ValueTuple<int, string>(o.Id, o.Name)).ToListAsync(ct);
        return new PlacePage(id, form, offices);
    }

    private async Task<StepPage> StepPageAsync(Clerk clerk, Procedure procedure, StepForm form, CancellationToken ct)
    {
        var title = await db.ProcedureVersions.Where(v => v.ProcedureId == procedure.Id && v.IsCurrent).Select(v => v.Title).FirstOrDefaultAsync(ct) ?? procedure.Slug;
        return new StepPage(procedure.Slug, title, form, await queries.PlacesOfAsync(clerk with { OfficeId = null }, ct));
    }
}
