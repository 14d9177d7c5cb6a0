using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Npgsql;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>One procedure's day, as the open data publishes it: counts, and its decisions' durations by whole days started.</summary>
public sealed record OpenDataRow(
    DateOnly Day, string Ministry, string? Office, string Procedure, string Title,
    int Filed, int Decided, int Approved, int Withdrawn, int WithTarget, int WithinTarget, int AfterCorrection,
    IReadOnlyList<(int Days, int Requests)> WithAdministration, IReadOnlyList<(int Days, int Requests)> AwaitingApplicant);

/// <summary>
/// The open data, read from the rollups one row at a time. Plain ADO.NET on the context's
/// connection, not EF: with the retrying execution strategy EF reads a whole result into memory
/// before handing out its first row, and a file of two years of every procedure must stream.
/// </summary>
public sealed class OpenDataQueries(AppDbContext db)
{
    // The decisions' durations of each procedure and day in one grouped pass (cheaper than a lookup per
    // row); days on which nothing but a payment happened carry no count the open data publishes.
    private const string Sql = """
        WITH durations AS (
            SELECT s.procedure_id, s.day,
                array_agg(s.days ORDER BY s.days) FILTER (WHERE s.measure = 'A') AS a_days,
                array_agg(s.requests ORDER BY s.days) FILTER (WHERE s.measure = 'A') AS a_requests,
                array_agg(s.days ORDER BY s.days) FILTER (WHERE s.measure = 'W') AS w_days,
                array_agg(s.requests ORDER BY s.days) FILTER (WHERE s.measure = 'W') AS w_requests
            FROM supervision_durations_now s JOIN procedures sp ON sp.id = s.procedure_id
            WHERE s.day >= @from AND s.day <= @to
                AND (@ministry = 0 OR sp.ministry_id = @ministry) AND (@procedure = 0 OR s.procedure_id = @procedure)
            GROUP BY s.procedure_id, s.day)
        SELECT d.day, m.code, o.code, p.slug, coalesce(v.title, p.slug),
            d.filed, d.decided, d.approved, d.withdrawn, d.decided_with_target, d.decided_within_target, d.decided_after_correction,
            h.a_days, h.a_requests, h.w_days, h.w_requests
        FROM supervision_daily_now d
        JOIN procedures p ON p.id = d.procedure_id
        JOIN ministries m ON m.id = p.ministry_id
        LEFT JOIN offices o ON o.id = p.office_id
        LEFT JOIN procedure_versions v ON v.procedure_id = p.id AND v.is_current
        LEFT JOIN durations h ON h.procedure_id = d.procedure_id AND h.day = d.day
        WHERE d.day >= @from AND d.day <= @to
            AND (@ministry = 0 OR p.ministry_id = @ministry) AND (@procedure = 0 OR d.procedure_id = @procedure)
            AND (d.filed > 0 OR d.decided > 0 OR d.withdrawn > 0)
        ORDER BY d.day, m.code, p.slug
        """;

    /// <summary>The ministry's id by its code (any case); null when none has it.</summary>
    public Task<int?> MinistryIdAsync(string code, CancellationToken ct) =>
        db.Ministries.Where(m => m.Code == code.Trim().ToUpperInvariant()).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct);

    public Task<int?> ProcedureIdAsync(string slug, CancellationToken ct) =>
        db.Procedures.Where(p => p.Slug == slug.Trim()).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);

    /// <summary>The rows of the period, by day, ministry and procedure; 0 for an id means "any".</summary>
    public async IAsyncEnumerable<OpenDataRow> RowsAsync(OpenDataPeriod period, int ministryId, int procedureId, [EnumeratorCancellation] CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A command of its own, not the one Npgsql recycles per connection (Data/FreshCommands.cs).
            await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)connection);
            command.Parameters.Add(new NpgsqlParameter("from", period.From));
            command.Parameters.Add(new NpgsqlParameter("to", period.To));
            command.Parameters.Add(new NpgsqlParameter("ministry", ministryId));
            command.Parameters.Add(new NpgsqlParameter("procedure", procedureId));
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, ct);
            while (await reader.ReadAsync(ct))
            {
                yield return new OpenDataRow(
                    reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetString(3), reader.GetString(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11),
                    Histogram(reader, 12), Histogram(reader, 14));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static (int Days, int Requests)[] Histogram(DbDataReader reader, int daysColumn) =>
        reader.IsDBNull(daysColumn)
            ? []
            : [.. reader.GetFieldValue<int[]>(daysColumn).Zip(reader.GetFieldValue<int[]>(daysColumn + 1))];
}
