using System.Globalization;
using System.Text;

namespace ServicePublic.Web.Infrastructure.Messaging;

/// <summary>
/// SMS text in the GSM-7 alphabet, which every phone reads and which fits 160 characters in one
/// SMS: an "é" outside it would switch the whole SMS to UCS-2 and 70 characters. Accents are
/// removed, typographic signs made plain, anything else left outside becomes "?".
/// </summary>
public static class Gsm7
{
    /// <summary>The characters of one SMS in GSM-7, without extension characters.</summary>
    public const int SingleSmsLength = 160;

    // The basic GSM 03.38 set (the extension table's characters, such as € and [, count double and are avoided).
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary><paramref name="text"/> if it fits <paramref name="room"/> characters, else cut to fit and ended with a dot.</summary>
    public static string Cut(string text, int room) => text.Length <= room ? text : text[..(room - 1)].TrimEnd() + ".";

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c, StringComparison.Ordinal));

    /// <summary>The text with accents removed and signs made plain: always GSM-7.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Replace("œ", "oe", StringComparison.Ordinal).Replace("Œ", "OE", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            folded.Append(c switch
            {
                '’' or '‘' => '\'',
                '«' or '»' or '“' or '”' => '"',
                '—' or '–' => '-',
                '\u00A0' or '\u202F' => ' ',
                '…' => '.',
                _ when Basic.Contains(c, StringComparison.Ordinal) => c,
                _ => '?',
            });
        }
        return folded.ToString();
    }
}
