using System.Globalization;

namespace ServicePublic.Web.Features.Shared;

/// <summary>How amounts and dates are shown: "25 000 FCFA", Lomé time (UTC+0, no daylight saving).</summary>
public static class Format
{
    private const char NoBreakSpace = '\u00A0';

    private static readonly NumberFormatInfo Grouping = new()
    {
        NumberGroupSeparator = NoBreakSpace.ToString(),
        NumberGroupSizes = [3],
        NumberDecimalDigits = 0,
    };

    public static string Xof(long amount) => amount.ToString("#,0", Grouping) + NoBreakSpace + "FCFA";

    public static string Number(long value) => value.ToString("#,0", Grouping);

    /// <summary>A file's size as its list shows it, in kilobytes rounded up: "1 Ko" for a few bytes.</summary>
    public static string Kilobytes(long bytes) => Number((bytes + 1023) / 1024) + " Ko";

    /// <summary>A label inside a sentence: "Déposée" → "déposée", "Submitted" → "submitted" (one resource entry for both uses).</summary>
    public static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.CurrentCulture) + text[1..];

    public static string Date(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"2 décembre 2026 à 14:05" (Lomé time, which is UTC).</summary>
    public static string DateTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("d MMMM yyyy 'à' HH:mm", CultureInfo.CurrentCulture);

    public static string Date(DateOnly value) => value.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"lundi 7 décembre": a day to choose among the next weeks.</summary>
    public static string Day(DateOnly value) => value.ToString("dddd d MMMM", CultureInfo.CurrentCulture);

    /// <summary>"08:30" (Lomé time, which is UTC).</summary>
    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>What one fee line costs, as published.</summary>
    public static string FeeAmount(FeeItem fee) => fee.Kind switch
    {
        FeeKind.Flat when fee.IsRange => $"{Number(fee.Amount ?? fee.Min ?? 0)} – {Xof(fee.Max!.Value)}",
        FeeKind.Flat when fee.Amount is not null => Xof(fee.Amount.Value),
        FeeKind.PerUnit when fee.Amount is not null => $"{Xof(fee.Amount.Value)} / {fee.Unit}",
        _ => "",
    };
}
