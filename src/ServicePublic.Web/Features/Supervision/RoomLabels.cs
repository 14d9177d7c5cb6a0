using System.Globalization;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>How the room words and formats what it shows (French keys, translated by the views).</summary>
public static class RoomLabels
{
    /// <summary>What happened, for a kind of supervision_activity row (the statuses' own labels; the feed writes them in lower case).</summary>
    public static string Kind(string kind) => kind switch
    {
        "filed" => "Déposée",
        "paid" => "payée",
        "taken" => "prise en charge",
        "released" => "remise en attente",
        "review" => "instruction commencée",
        "correction" => "Complément demandé",
        "corrected" => "complément reçu",
        "approved" => "approuvée",
        "rejected" => "rejetée",
        "withdrawn" => "Retirée",
        _ => kind,
    };

    /// <summary>"10 h 32" in French, "10:32" in English (Lomé time is UTC).</summary>
    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "H' h 'mm" : "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The time alone for today, with the day before.</summary>
    public static string When(DateTimeOffset at, DateOnly today) =>
        DateOnly.FromDateTime(at.UtcDateTime) == today ? Time(at) : $"{at.ToUniversalTime().ToString("d MMM", CultureInfo.CurrentCulture)} {Time(at)}";

    /// <summary>"80 %" (a no-break space before the sign, as French writes it); "—" without a figure.</summary>
    public static string Percent(int? value) => value is { } v ? $"{v}\u00A0%" : "—";

    /// <summary>"15 j" / "15 d"; "—" without a figure.</summary>
    public static string Days(int? value, string unit) => value is { } v ? $"{v}\u00A0{unit}" : "—";

    /// <summary>An SVG length (always a dot, whatever the culture).</summary>
    public static string Svg(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
