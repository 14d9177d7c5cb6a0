using System.Text.RegularExpressions;

namespace ServicePublic.Web.Domain.Accounts;

/// <summary>Phone numbers as stored: E.164. Togolese numbers may be typed as "90 12 34 56".</summary>
public static partial class PhoneNumbers
{
    [GeneratedRegex(@"[\s\-\.\(\)]")]
    private static partial Regex Separators();

    /// <summary>"+228XXXXXXXX" for a Togolese number, "+…" kept for a foreign one, or null when it is not a phone number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var digits = Separators().Replace(input.Trim(), "");
        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = "+" + digits[2..];
        }
        if (digits.Length == 8 && digits.All(char.IsAsciiDigit))
        {
            return "+228" + digits;
        }
        if (digits.StartsWith("+228", StringComparison.Ordinal))
        {
            return digits.Length == 12 && digits[1..].All(char.IsAsciiDigit) ? digits : null;
        }
        return digits.StartsWith('+') && digits.Length is >= 9 and <= 16 && digits[1..].All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>"+228 90 •• •• 56": enough to recognise one's number, not enough to learn someone else's.</summary>
    public static string Mask(string phone) =>
        phone.Length > 6 ? phone[..6] + new string('•', phone.Length - 8) + phone[^2..] : phone;

    private static readonly string[] TogocelPrefixes = ["70", "71", "72", "73", "90", "91", "92", "93"];
    private static readonly string[] MoovPrefixes = ["78", "79", "94", "95", "96", "97", "98", "99"];

    /// <summary>True for a Togocel mobile number (T-Money).</summary>
    public static bool IsTogocel(string e164) => IsTogoMobile(e164, TogocelPrefixes);

    /// <summary>True for a Moov Africa Togo mobile number (Flooz).</summary>
    public static bool IsMoov(string e164) => IsTogoMobile(e164, MoovPrefixes);

    /// <summary>
    /// Why <paramref name="e164"/> cannot pay with <paramref name="method"/>, in French, or null when it can:
    /// T-Money needs a Togocel number and Flooz a Moov Africa one; a card needs no number at all.
    /// </summary>
    public static string? OperatorProblem(PaymentMethod method, string e164) => method switch
    {
        PaymentMethod.TMoney when !IsTogocel(e164) => "Ce numéro n'est pas un numéro Togocel : T-Money fonctionne avec les numéros qui commencent par 70 à 73 ou 90 à 93.",
        PaymentMethod.Flooz when !IsMoov(e164) => "Ce numéro n'est pas un numéro Moov Africa : Flooz fonctionne avec les numéros qui commencent par 78, 79 ou 94 à 99.",
        _ => null,
    };

    private static bool IsTogoMobile(string e164, string[] prefixes) =>
        e164.Length == 12 && e164.StartsWith("+228", StringComparison.Ordinal) && prefixes.Contains(e164[4..6]);
}
