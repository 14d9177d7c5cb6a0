using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using C = ServicePublic.Web.Features.Statistics.OpenDataColumns;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// The open data written as it is read, row by row, so a file of any length never sits in memory:
/// CSV as the portal's other spreadsheet files (UTF-8 with a byte order mark, ";", CRLF), JSON as
/// one object { "du", "au", "lignes": [ … ] } whose rows carry the CSV's columns as keys.
/// </summary>
public static class OpenDataFiles
{
    public const string CsvContentType = SpreadsheetCsv.ContentType;
    public const string JsonContentType = "application/json; charset=utf-8";

    private const int FlushBytes = 32 * 1024;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>"statistiques-2025-07-01-2026-07-15.csv"</summary>
    public static string FileName(OpenDataPeriod period, string extension) =>
        $"statistiques-{OpenDataPeriod.Iso(period.From)}-{OpenDataPeriod.Iso(period.To)}.{extension}";

    public static async Task WriteCsvAsync(Stream destination, IAsyncEnumerable<OpenDataRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, SpreadsheetCsv.Options, leaveOpen: true);
        csv.WriteHeader([.. C.All.Select(c => c.Name)]);
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(OpenDataPeriod.Iso(row.Day));
            csv.WriteField(row.Ministry);
            csv.WriteField(row.Office);
            csv.WriteField(row.Procedure);
            csv.WriteField(row.Title);
            foreach (var count in Counts(row))
            {
                csv.WriteField(count.Value.ToString(CultureInfo.InvariantCulture));
            }
            csv.WriteField(CsvHistogram(row.WithAdministration));
            csv.WriteField(CsvHistogram(row.AwaitingApplicant));
            await csv.EndRecordAsync(ct);
        }
    }

    public static async Task WriteJsonAsync(Stream destination, OpenDataPeriod period, IAsyncEnumerable<OpenDataRow> rows, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(destination, JsonOptions);
        json.WriteStartObject();
        json.WriteString("du", OpenDataPeriod.Iso(period.From));
        json.WriteString("au", OpenDataPeriod.Iso(period.To));
        json.WriteStartArray("lignes");
        await foreach (var row in rows.WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString(C.Date, OpenDataPeriod.Iso(row.Day));
            json.WriteString(C.Ministry, row.Ministry);
            json.WriteString(C.Office, row.Office);
            json.WriteString(C.Procedure, row.Procedure);
            json.WriteString(C.ProcedureTitle, row.Title);
            foreach (var count in Counts(row))
            {
                json.WriteNumber(count.Key, count.Value);
            }
            JsonHistogram(json, C.DaysWithAdministration, row.WithAdministration);
            JsonHistogram(json, C.DaysAwaitingApplicant, row.AwaitingApplicant);
            json.WriteEndObject();
            if (json.BytesPending > FlushBytes)
            {
                await json.FlushAsync(ct);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static KeyValuePair<string, int>[] Counts(OpenDataRow row) =>
    [
        new(C.Filed, row.Filed), new(C.Decided, row.Decided), new(C.Approved, row.Approved), new(C.Withdrawn, row.Withdrawn),
        new(C.WithTarget, row.WithTarget), new(C.WithinTarget, row.WithinTarget), new(C.AfterCorrection, row.AfterCorrection),
    ];

    /// <summary>"2:1|9:3": 1 decision in 2 days, 3 in 9 days.</summary>
    public static string CsvHistogram(IReadOnlyList<(int Days, int Requests)> histogram) =>
        string.Join('|', histogram.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Days}:{h.Requests}")));

    private static void JsonHistogram(Utf8JsonWriter json, string name, IReadOnlyList<(int Days, int Requests)> histogram)
    {
        json.WriteStartObject(name);
        foreach (var (days, requests) in histogram)
        {
            json.WriteNumber(days.ToString(CultureInfo.InvariantCulture), requests);
        }
        json.WriteEndObject();
    }
}
