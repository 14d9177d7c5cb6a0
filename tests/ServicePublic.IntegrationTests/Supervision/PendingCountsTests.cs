using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Features.Supervision;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// The daily counters and the decisions' durations take no lock another filing or decision waits
/// for (issue 13's mixed load: 167 ms a bump on one procedure's row of the day, 108 ms a decision on
/// its row of durations), and read the same before and after the job folds them.
/// </summary>
public sealed class PendingCountsTests
{
    private const string Today = "(now() AT TIME ZONE 'Africa/Lome')::date";

    [Fact]
    public Task TwoFilingsOfOneProcedure_CountedAtOnce_NeitherWaitsForTheOther_AndFoldingChangesNoFigure() =>
        CountedAtOnceThenFoldedAsync(
            count: procedure => $"SELECT supervision_bump({procedure}, {Today}, p_filed => 1)",
            sum: "coalesce(sum(filed), 0)::int",
            rows: procedure => $"procedure_id = {procedure} AND day = {Today}",
            folded: "supervision_daily",
            pending: "supervision_daily_pending");

    [Fact]
    public Task TwoDecisionsOfOneProcedureInAsManyDays_CountedAtOnce_NeitherWaitsForTheOther_AndFoldingChangesNoFigure() =>
        CountedAtOnceThenFoldedAsync(
            count: procedure => $"SELECT supervision_count_duration({procedure}, {Today}, 'A', 3)",
            sum: "coalesce(sum(requests), 0)::int",
            rows: procedure => $"procedure_id = {procedure} AND day = {Today} AND measure = 'A' AND days = 3",
            folded: "supervision_durations",
            pending: "supervision_durations_pending");

    /// <summary>
    /// Two transactions count one thing each in the same row (<paramref name="rows"/>): the second
    /// counts and commits while the first is still open, which failed on its 5 s lock timeout when
    /// both updated the row of <paramref name="folded"/>. Read through <paramref name="folded"/>_now,
    /// both count at once; the folding job then empties <paramref name="pending"/> and the figures
    /// stay the same, now in <paramref name="folded"/> itself.
    /// </summary>
    private static async Task CountedAtOnceThenFoldedAsync(Func<int, string> count, string sum, Func<int, string> rows, string folded, string pending)
    {
        var database = await TestDatabase.CreateAsync("sp_counts");
        await using var portal = new PortalFactory(database);
        portal.Start();
        await using var first = new NpgsqlConnection(database);
        await using var second = new NpgsqlConnection(database);
        await first.OpenAsync();
        await second.OpenAsync();
        var procedure = (int)(await new NpgsqlCommand("SELECT min(id) FROM procedures", first).ExecuteScalarAsync())!;
        async Task<int> SumAsync(string table) =>
            (int)(await new NpgsqlCommand($"SELECT {sum} FROM {table} WHERE {rows(procedure)}", first).ExecuteScalarAsync())!;
        var before = await SumAsync($"{folded}_now");

        await using (var counting = await first.BeginTransactionAsync())
        {
            await new NpgsqlCommand(count(procedure), first, counting).ExecuteNonQueryAsync();
            await using (var other = await second.BeginTransactionAsync())
            {
                await new NpgsqlCommand("SET LOCAL lock_timeout = '5s'", second, other).ExecuteNonQueryAsync();
                await new NpgsqlCommand(count(procedure), second, other).ExecuteNonQueryAsync();
                await other.CommitAsync();
            }
            await counting.CommitAsync();
        }
        var counted = await SumAsync($"{folded}_now");
        while (await portal.Services.GetRequiredService<SupervisionFolding>().RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(before + 2, counted);
        Assert.Equal(counted, await SumAsync($"{folded}_now"));
        Assert.Equal(0L, await new NpgsqlCommand($"SELECT count(*) FROM {pending}", first).ExecuteScalarAsync());
        Assert.Equal(counted, await SumAsync(folded));
    }
}
