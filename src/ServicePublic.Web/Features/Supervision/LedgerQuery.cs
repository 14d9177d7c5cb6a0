using System.Globalization;
using FluentValidation;

using ServicePublic.Web.Features.Payments;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// The ledger's filters as the address carries them (French names: finance officers bookmark
/// them). Kept as typed, so a wrong date is shown back next to its field.
/// </summary>
public sealed class LedgerQuery
{
    [FromQuery(Name = "du")]
    public string? From { get; set; }

    [FromQuery(Name = "au")]
    public string? To { get; set; }

    /// <summary>A procedure's slug.</summary>
    [FromQuery(Name = "demarche")]
    public string? Procedure { get; set; }

    [FromQuery(Name = "prestataire")]
    public string? Provider { get; set; }

    /// <summary>tmoney, flooz or carte (see <see cref="PaymentLabels"/>).</summary>
    [FromQuery(Name = "moyen")]
    public string? Method { get; set; }

    /// <summary>A ministry's code: only an administrator may choose; a supervisor always sees their own.</summary>
    [FromQuery(Name = "ministere")]
    public string? Ministry { get; set; }

    /// <summary>
    /// The days asked for, in Lomé time (UTC): a missing end is the end of the start's month, a
    /// missing start the first day of the end's month, and neither is the current month.
    /// </summary>
    public LedgerPeriod PeriodAt(DateTimeOffset now)
    {
        var from = ParseDate(From);
        var to = ParseDate(To);
        var month = from ?? to ?? DateOnly.FromDateTime(now.UtcDateTime);
        var first = new DateOnly(month.Year, month.Month, 1);
        return new LedgerPeriod(from ?? (to is null ? first : new DateOnly(to.Value.Year, to.Value.Month, 1)), to ?? first.AddMonths(1).AddDays(-1));
    }

    /// <summary>An ISO date (what a date input sends) or dd/mm/yyyy (what a person types where dates are plain text).</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
}

/// <summary>From the first day to the last, both included, in Lomé time (UTC+0).</summary>
public sealed record LedgerPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period shown at once: a year, leap day included.</summary>
    public const int MaxDays = 366;

    public DateTimeOffset Start => Midnight(From);

    /// <summary>Midnight after the last day: payments are taken when Start ≤ completed &lt; End.</summary>
    public DateTimeOffset End => Midnight(To.AddDays(1));

    /// <summary>The start of a day in Lomé, as an instant (for <see cref="Shared.Format.Date"/>).</summary>
    public static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class LedgerQueryValidator : AbstractValidator<LedgerQuery>
{
    public LedgerQueryValidator()
    {
        RuleFor(q => q.From).Must(BeEmptyOrADate).WithMessage("Saisissez une date valide, par exemple 31/01/2026.");
        RuleFor(q => q.To).Must(BeEmptyOrADate).WithMessage("Saisissez une date valide, par exemple 31/01/2026.");
        RuleFor(q => q.To)
            .Must((q, to) => LedgerQuery.ParseDate(to) >= LedgerQuery.ParseDate(q.From))
            .When(q => LedgerQuery.ParseDate(q.From) is not null && LedgerQuery.ParseDate(q.To) is not null)
            .WithMessage("La date de fin doit suivre la date de début.");
        RuleFor(q => q.To)
            .Must((q, to) => LedgerQuery.ParseDate(to)!.Value.DayNumber - LedgerQuery.ParseDate(q.From)!.Value.DayNumber < LedgerPeriod.MaxDays)
            .When(q => LedgerQuery.ParseDate(q.From) is not null && LedgerQuery.ParseDate(q.To) is not null)
            .WithMessage("La période ne peut pas dépasser un an.");
        RuleFor(q => q.Method)
            .Must(m => string.IsNullOrEmpty(m) || PaymentLabels.FromSlug(m) is not null)
            .WithMessage("Ce moyen de paiement n'existe pas.");
    }

    private static bool BeEmptyOrADate(string? text) => string.IsNullOrWhiteSpace(text) || LedgerQuery.ParseDate(text) is not null;
}
