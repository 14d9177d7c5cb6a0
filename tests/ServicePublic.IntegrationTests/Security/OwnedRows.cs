using Npgsql;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Security;

/// <summary>
/// A fingerprint of the tables that hold what people own (requests and what hangs from them,
/// payments, documents, businesses, roles, targets) and of the owner's account: any insert,
/// update or delete changes it, for every row version has its own place (ctid) and transaction (xmin).
/// </summary>
internal static class OwnedRows
{
    private static readonly string[] Tables =
    [
        "requests", "request_events", "attachments", "request_messages", "payments", "payment_callbacks", "sandbox_transactions",
        "issued_documents", "businesses", "business_members", "business_invitations",
        "procedures", "procedure_versions", "programmes", "indicators", "indicator_targets", "AspNetUserRoles",
        "places", "in_person_steps", "appointment_slots", "appointments",
    ];

    private static readonly string Query = string.Join(" UNION ALL ",
        Tables.Select(t => $"SELECT '{t}', {Fingerprint} FROM \"{t}\"")
            .Append($"SELECT 'AspNetUsers', {Fingerprint} FROM \"AspNetUsers\" WHERE id = @owner"));

    private const string Fingerprint = "count(*) || ' ' || md5(coalesce(string_agg(ctid::text || xmin::text, ',' ORDER BY ctid), ''))";

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(PortalFactory portal, string ownerId)
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.AddWithValue("owner", ownerId);
        await using var reader = await command.ExecuteReaderAsync();
        var fingerprints = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            fingerprints[reader.GetString(0)] = reader.GetString(1);
        }
        return fingerprints;
    }

    /// <summary>The tables whose rows differ between two fingerprints.</summary>
    public static IEnumerable<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Where(t => after[t.Key] != t.Value).Select(t => t.Key);
}
