using Npgsql;

namespace ServicePublic.Bench;

/// <summary>
/// What the database must show after the storm, however many copies arrived and in whatever
/// order: each payment succeeded once, each request submitted once (one event), one receipt
/// number each, one audit entry each, at most one payment email per request, no anomaly.
/// </summary>
public static class ExactlyOnce
{
    public sealed record Line(string What, long Found, string Expected, bool Ok);

    public static async Task<IReadOnlyList<Line>> CheckAsync(string connectionString, int payments, string applicantEmail, bool emailExpected)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<long> Count(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("email", applicantEmail);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Line Exactly(string what, long found, long expected) => new(what, found, $"= {expected:N0}", found == expected);

        // The payment email's subject names the request's tracking number: one subject, one request.
        const string PaymentEmails = "FROM outbox_messages WHERE channel = 'Email' AND recipient = @email AND subject LIKE 'Paiement reçu%'";
        var emails = await Count($"SELECT count(*) {PaymentEmails}");
        var mostPerRequest = await Count($"SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n {PaymentEmails} GROUP BY subject) AS per_request");
        return
        [
            Exactly("payments Succeeded", await Count("SELECT count(*) FROM payments WHERE status = 'Succeeded'"), payments),
            Exactly("requests Submitted", await Count("SELECT count(*) FROM requests WHERE status = 'Submitted'"), payments),
            Exactly("request_events to 'Submitted'", await Count("SELECT count(*) FROM request_events WHERE \"to\" = 'Submitted'"), payments),
            Exactly("  … on distinct requests", await Count("SELECT count(DISTINCT request_id) FROM request_events WHERE \"to\" = 'Submitted'"), payments),
            Exactly("receipt numbers issued", await Count("SELECT count(receipt_number) FROM payments"), payments),
            Exactly("  … distinct", await Count("SELECT count(DISTINCT receipt_number) FROM payments"), payments),
            Exactly("audit entries payment.status-changed", await Count("SELECT count(*) FROM audit_entries WHERE action = 'payment.status-changed'"), payments),
            Exactly("payments with an anomaly", await Count("SELECT count(*) FROM payments WHERE anomaly IS NOT NULL"), 0),
            emailExpected ? Exactly("payment emails queued (email confirmed)", emails, payments) : Exactly("payment emails queued (email unconfirmed)", emails, 0),
            new("payment emails for one request, at most", mostPerRequest, "≤ 1", mostPerRequest <= 1),
        ];
    }

    /// <summary>What the portal wrote of each stored callback ("Appliqué", "Sans effet (déjà connu)"…), with counts.</summary>
    public static async Task<IReadOnlyList<(string Outcome, long Count)>> CallbackOutcomesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT outcome, count(*) FROM payment_callbacks GROUP BY outcome ORDER BY count(*) DESC", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var outcomes = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            outcomes.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return outcomes;
    }
}
