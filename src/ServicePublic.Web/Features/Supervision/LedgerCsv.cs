using CsvHelper;
using ServicePublic.Web.Domain.Payments;

using ServicePublic.Web.Features.Payments;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// The ledger as a file the finance office opens in Excel or LibreOffice and reconciles against
/// the provider's statement: one line per payment, in French whatever the page's language, so
/// the columns a spreadsheet or macro reads never move.
/// </summary>
public static class LedgerCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// Semicolons: Excel set up for French (as in Togo, where the decimal separator is a comma)
    /// splits a double-clicked file on its list separator, ";", and would leave a comma-separated
    /// file in one column. The byte order mark makes it read UTF-8 (é, «) rather than Windows-1252.
    /// A text value that starts like a formula (= + - @) gets a leading apostrophe: references
    /// come from providers and payers, and a spreadsheet must show them, never run them.
    /// </summary>
    private static readonly CsvWriterOptions Options = new()
    {
        Separator = ';',
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    private static readonly string[] Header =
    [
        "Date (UTC)", "Reçu", "Dossier", "Démarche", "Prestataire", "Moyen", "Référence prestataire",
        "Référence opérateur", "Montant (FCFA)", "Statut", "Remboursé le (UTC)", "Référence du remboursement",
    ];

    /// <summary>ISO 8601 in UTC, to the second: what a spreadsheet and a provider's statement both read.</summary>
    private const string Timestamp = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>"paiements-MDERM-2026-03-01-2026-03-31.csv"</summary>
    public static string FileName(string ministryCode, LedgerPeriod period) =>
        $"paiements-{ministryCode}-{LedgerPeriod.Iso(period.From)}-{LedgerPeriod.Iso(period.To)}.csv";

    /// <summary>Streams the lines as they are read, so a year of payments never sits in memory.</summary>
    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<LedgerLine> lines, IReadOnlyDictionary<int, string> procedures, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var line in lines.WithCancellation(ct))
        {
            csv.WriteField(line.CompletedAt.ToUniversalTime(), Timestamp);
            csv.WriteField(line.ReceiptNumber);
            csv.WriteField(line.TrackingNumber);
            csv.WriteField(procedures.GetValueOrDefault(line.ProcedureId));
            csv.WriteField(line.Provider);
            csv.WriteField(PaymentLabels.Method(line.Method));
            csv.WriteField(line.ProviderReference);
            csv.WriteField(line.OperatorReference);
            csv.WriteField(line.Amount, "D");
            csv.WriteField(PaymentLabels.LedgerStatus(line.Status));
            if (line.RefundedAt is { } refundedAt)
            {
                csv.WriteField(refundedAt.ToUniversalTime(), Timestamp);
            }
            else
            {
                csv.WriteField((string?)null);
            }
            csv.WriteField(line.RefundReference);
            await csv.EndRecordAsync(ct);
        }
    }
}
