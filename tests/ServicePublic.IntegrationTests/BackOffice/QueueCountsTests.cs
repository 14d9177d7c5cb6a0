using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Features.Supervision;

namespace ServicePublic.IntegrationTests.BackOffice;

/// <summary>
/// The queue's counts per status come from counts the database keeps as requests change
/// (Data/Migrations/RequestStatusCountsSql.cs), not from counting a ministry's requests on each view.
/// </summary>
public sealed class QueueCountsTests
{
    [Fact]
    public async Task CountsPerStatus_FollowEveryChangeOfTheRequests_BeforeAndAfterFolding()
    {
        var database = await TestDatabase.CreateAsync("sp_status_counts");
        await using var portal = new PortalFactory(database);
        portal.Start();
        var user = await portal.CreateAsync();
        var decided = await portal.FileAsync(user, "declaration-de-naissance");
        var reviewed = await portal.FileAsync(user, "declaration-de-naissance");
        var deleted = await portal.FileAsync(user, "declaration-de-naissance");
        await portal.FileAsync(user, "carte-importateur", submit: false);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        async Task RunAsync(string sql) => await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();

        await RunAsync($"UPDATE requests SET status = 'Approved', decided_at = now() WHERE id = '{decided.Id}'");
        await RunAsync($"UPDATE requests SET status = 'InReview' WHERE id = '{reviewed.Id}'");
        await RunAsync($"UPDATE requests SET updated_at = now() WHERE id = '{reviewed.Id}'");
        await RunAsync($"DELETE FROM requests WHERE id = '{deleted.Id}'");
        var counted = await RowsAsync(connection, "SELECT procedure_version_id, status, count(*)::int FROM requests GROUP BY 1, 2");
        var kept = await RowsAsync(connection, "SELECT procedure_version_id, status, requests FROM request_status_counts_now WHERE requests <> 0");
        while (await portal.Services.GetRequiredService<SupervisionFolding>().RunOnceAsync(CancellationToken.None) > 0)
        {
        }
        var folded = await RowsAsync(connection, "SELECT procedure_version_id, status, requests FROM request_status_counts WHERE requests <> 0");

        Assert.Contains(counted, row => row.EndsWith(":Approved=1", StringComparison.Ordinal));
        Assert.Contains(counted, row => row.EndsWith(":Draft=1", StringComparison.Ordinal));
        Assert.Equal(counted, kept);
        Assert.Equal(counted, folded);
        Assert.Equal(0L, await new NpgsqlCommand("SELECT count(*) FROM request_status_counts_pending", connection).ExecuteScalarAsync());
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<string>();
        await using var reader = await new NpgsqlCommand($"SELECT * FROM ({sql}) r ORDER BY 1, 2", connection).ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetInt32(0)}:{reader.GetString(1)}={reader.GetInt32(2)}");
        }
        return rows;
    }
}
