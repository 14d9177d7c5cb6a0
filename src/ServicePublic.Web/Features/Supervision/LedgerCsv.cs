using CsvHelper;

using ServicePublic.Web.Features.Payments;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// The ledger as a file the finance office opens in Excel or LibreOffice and reconciles against
/// the provider's statement: one line per payment, in French whatever the page's language, so
/// the columns a spreadsheet or macro reads never move.
/// </summary>
public static class LedgerCsv
{
    public const string ContentType = SpreadsheetCsv.ContentType;

    private static readonly string[] Header =
    [
        "Date (UTC)", "Reçu", "Dossier", "Démarche", "Prestataire", "Moyen", "Référence prestataire",
        "Référence opérateur", "Montant (FCFA)", "Statut", "Remboursé le (UTC)", "Référence du remboursement",
    ];

    private const string Timestamp = SpreadsheetCsv.Timestamp;

    /// <summary>"paiements-MDERM-2026-03-01-2026-03-31.csv"</summary>
    public static string FileName(string ministryCode, LedgerPeriod period) =>
        $"paiements-{ministryCode}-{LedgerPeriod.Iso(period.From)}-{LedgerPeriod.Iso(period.To)}.csv";

    /// <summary>Streams the lines as they are read, so a year of payments never sits in memory.</summary>
    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<LedgerLine> lines, IReadOnlyDictionary<int, string> procedures, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, SpreadsheetCsv.Options, leaveOpen: true);
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
