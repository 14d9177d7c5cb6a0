using System.Text.RegularExpressions;

namespace ServicePublic.Web.Features.Telephone;

public enum PhoneQuery
{
    /// <summary>SUIVI: the request's status.</summary>
    Status,

    /// <summary>RDV: the request's appointment.</summary>
    Appointment,
}

/// <summary>
/// What a citizen texts the portal's number: <c>SUIVI TG-2026-00001234 K7P2QX</c> or
/// <c>RDV TG-2026-00001234 K7P2QX</c> (tracking number and check code, from the receipt). Read
/// the way people type on a basic phone: any case, extra spaces, the dashes left out.
/// </summary>
public sealed partial record PhoneCommand(PhoneQuery Query, string TrackingNumber, string CheckCode)
{
    [GeneratedRegex(@"^\s*(SUIVI|RDV)\s+TG\s*-?\s*(\d{4})\s*-?\s*(\d{8})\s+([A-Z0-9]{6})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    /// <summary>The command, or null for anything else (garbage, a missing code).</summary>
    public static PhoneCommand? Parse(string? text)
    {
        var match = Grammar().Match(text ?? "");
        if (!match.Success)
        {
            return null;
        }
        var query = match.Groups[1].Value.Equals("RDV", StringComparison.OrdinalIgnoreCase) ? PhoneQuery.Appointment : PhoneQuery.Status;
        return new(query, $"TG-{match.Groups[2].Value}-{match.Groups[3].Value}", match.Groups[4].Value.ToUpperInvariant());
    }

    /// <summary>A tracking number as a USSD screen receives it ("tg202600001234", "TG-2026-00001234"), or null.</summary>
    public static string? TrackingNumberOf(string typed) =>
        Parse($"SUIVI {typed} AAAAAA")?.TrackingNumber;
}
