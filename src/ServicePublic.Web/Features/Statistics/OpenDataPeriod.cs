using System.Globalization;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// The days an open data file covers (?du=&amp;au=, ISO dates, both included, Lomé time): by default
/// the pages' period (the 12 full months before the current one, and the current month so far);
/// with only a start, two years from it at most and never past today; with only an end, the 12
/// months before its month and that month. At most <see cref="MaxDays"/> days per file.
/// </summary>
public sealed record OpenDataPeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 731;

    public const string BadFrom = "La date de début (du) doit s'écrire AAAA-MM-JJ, par exemple 2026-01-31.";
    public const string BadTo = "La date de fin (au) doit s'écrire AAAA-MM-JJ, par exemple 2026-01-31.";
    public const string Reversed = "La date de fin (au) ne peut pas précéder la date de début (du).";
    public const string TooLong = "Une période couvre au plus 731 jours (deux ans) : demandez les années suivantes dans un autre fichier.";

    /// <summary>The period asked for, or the French message (a resource key) saying what is wrong.</summary>
    public static (OpenDataPeriod? Period, string? Error) Parse(string? du, string? au, DateOnly today)
    {
        DateOnly? from = null, to = null;
        if (!string.IsNullOrWhiteSpace(du))
        {
            if (!TryParseIso(du, out var date))
            {
                return (null, BadFrom);
            }
            from = date;
        }
        if (!string.IsNullOrWhiteSpace(au))
        {
            if (!TryParseIso(au, out var date))
            {
                return (null, BadTo);
            }
            to = date;
        }
        var start = from ?? new StatisticsPeriod(to ?? today).From;
        var end = to ?? (from is { } f ? Min(today, f.AddDays(MaxDays - 1)) : today);
        if (end < start)
        {
            return (null, Reversed);
        }
        return end.DayNumber - start.DayNumber + 1 > MaxDays ? (null, TooLong) : (new OpenDataPeriod(start, end), null);
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryParseIso(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
