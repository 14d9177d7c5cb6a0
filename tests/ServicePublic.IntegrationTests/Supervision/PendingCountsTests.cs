using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Features.Supervision;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// The daily counters take no lock another filing waits for (issue 13's mixed load: 167 ms a bump
/// on one procedure's row of the day), and read the same before and after the job folds them.
/// </summary>
public sealed class PendingCountsTests
{
    private const string Today = "(now() AT TIME ZONE 'Africa/Lome')::date";

    [Fact]
    public async Task TwoFilingsOfOneProcedure_CountedAtOnce_NeitherWaitsForTheOther_AndFoldingChangesNoFigure()
    {
        var database = await TestDatabase.CreateAsync("sp_counts");
        await using var portal = new PortalFactory(database);
        portal.Start();
        await using var first = new NpgsqlConnection(database);
        await using var second = new NpgsqlConnection(database);
        await first.OpenAsync();
        await second.OpenAsync();
        var procedure = (int)(await new NpgsqlCommand("SELECT min(id) FROM procedures", first).ExecuteScalarAsync())!;
        var before = await FiledTodayAsync(first, procedure);

        await using (var filing = await first.BeginTransactionAsync())
        {
            await new NpgsqlCommand($"SELECT supervision_bump({procedure}, {Today}, p_filed => 1)", first, filing).ExecuteNonQueryAsync();
            // The first filing has not committed: the second counts its own without waiting (it failed after 5 s before).
            await using (var other = await second.BeginTransactionAsync())
            {
                await new NpgsqlCommand("SET LOCAL lock_timeout = '5s'", second, other).ExecuteNonQueryAsync();
                await new NpgsqlCommand($"SELECT supervision_bump({procedure}, {Today}, p_filed => 1)", second, other).ExecuteNonQueryAsync();
                await other.CommitAsync();
            }
            await filing.CommitAsync();
        }
        var counted = await FiledTodayAsync(first, procedure);
        while (await portal.Services.GetRequiredService<SupervisionFolding>().RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(before + 2, counted);
        Assert.Equal(counted, await FiledTodayAsync(first, procedure));
        Assert.Equal(0L, await new NpgsqlCommand("SELECT count(*) FROM supervision_daily_pending", first).ExecuteScalarAsync());
        Assert.Equal(counted, (int)(await new NpgsqlCommand(
            $"SELECT coalesce(sum(filed), 0)::int FROM supervision_daily WHERE procedure_id = {procedure} AND day = {Today}", first).ExecuteScalarAsync())!);
    }

    private static async Task<int> FiledTodayAsync(NpgsqlConnection connection, int procedure) =>
        (int)(await new NpgsqlCommand(
            $"SELECT coalesce(sum(filed), 0)::int FROM supervision_daily_now WHERE procedure_id = {procedure} AND day = {Today}", connection).ExecuteScalarAsync())!;
}
