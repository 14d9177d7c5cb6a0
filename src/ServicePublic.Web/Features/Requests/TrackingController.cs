using FluentValidation;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Requests;

/// <summary>
/// /suivi: the status of a request without an account, from its tracking number and the check
/// code printed on the confirmation. Both must match; a wrong pair answers like an unknown one,
/// and the endpoint is rate-limited, so numbers cannot be enumerated.
/// </summary>
public sealed class TrackingController(RequestQueries queries) : Controller
{
    [HttpGet("/suivi")]
    public IActionResult Track() => View(new TrackingForm());

    [HttpPost("/suivi")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    [LimitPerIdentifier(LimitPerIdentifierAttribute.Tracking, nameof(TrackingForm.TrackingNumber))]
    public async Task<IActionResult> Track(TrackingForm form, CancellationToken ct)
    {
        if (!await this.ValidateFormAsync(form))
        {
            return View(form);
        }
        var number = form.TrackingNumber.Trim().ToUpperInvariant();
        var code = form.CheckCode.Trim().ToUpperInvariant();
        var found = await queries.TrackAsync(number, code, ct);
        if (found is null)
        {
            this.AddError("", "Aucune demande ne correspond à ce numéro et à ce code. Vérifiez-les sur votre récépissé.");
            return View(form);
        }
        return View("Result", found);
    }
}

public sealed class TrackingForm
{
    public string TrackingNumber { get; set; } = "";
    public string CheckCode { get; set; } = "";
}

public sealed class TrackingFormValidator : AbstractValidator<TrackingForm>
{
    public TrackingFormValidator()
    {
        RuleFor(f => f.TrackingNumber).NotEmpty().WithMessage("Indiquez le numéro de suivi.")
            .Matches(@"^\s*[Tt][Gg]-\d{4}-\d{8}\s*$").WithMessage("Le numéro de suivi ressemble à TG-2026-00012345.");
        RuleFor(f => f.CheckCode).NotEmpty().WithMessage("Indiquez le code de contrôle.")
            .Length(6).WithMessage("Le code de contrôle compte 6 caractères.");
    }
}

public sealed record TrackingResult(string TrackingNumber, string Procedure, Domain.Requests.RequestStatus Status, DateTimeOffset? SubmittedAt, DateTimeOffset? DueAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The appointment to come (or under way), when the request has one.</summary>
    public TrackedAppointment? Appointment { get; init; }
}

/// <summary>An appointment as a status answer tells it: when, where, the code to give at the counter.</summary>
public sealed record TrackedAppointment(DateTimeOffset StartsAt, string Place, string Code);
