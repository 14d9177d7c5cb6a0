using CsvHelper;

namespace ServicePublic.Web.Features.Shared;

/// <summary>How the portal writes CSV files meant for a spreadsheet (the ledger, the clerks' queue).</summary>
public static class SpreadsheetCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>ISO 8601 in UTC, to the second: what a spreadsheet and a provider's statement both read.</summary>
    public const string Timestamp = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>
    /// Semicolons: Excel set up for French (as in Togo, where the decimal separator is a comma)
    /// splits a double-clicked file on its list separator, ";", and would leave a comma-separated
    /// file in one column. The byte order mark makes it read UTF-8 (é, «) rather than Windows-1252.
    /// A text value that starts like a formula (= + - @) gets a leading apostrophe: values come
    /// from applicants and providers, and a spreadsheet must show them, never run them.
    /// </summary>
    public static readonly CsvWriterOptions Options = new()
    {
        Separator = ';',
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };
}
