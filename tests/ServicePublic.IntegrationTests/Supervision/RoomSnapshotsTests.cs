using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Features.Supervision;
using ServicePublic.Web.Infrastructure.Notifications;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// Snapshots kept up to date change by change (only the procedures a change touched read again)
/// agree exactly with a snapshot read from scratch: <see cref="RoomWorld"/> built under the eyes of
/// open rooms, on a clock that does not move.
/// </summary>
public sealed class RoomSnapshotsTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory(await TestDatabase.CreateAsync("sp_snapshots"), clock: new FrozenClock(RoomFixture.Now));
        _portal.Start();
        await _portal.ListeningAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ARoomFollowedChangeByChange_EqualsTheRoomReadFromScratch()
    {
        var signals = _portal.Services.GetRequiredService<SupervisionSignals>();
        var snapshots = _portal.Services.GetRequiredService<RoomSnapshots>();
        // The listener's first resync, heard before the rooms open: after it, every change names its procedure.
        await TestPayments.EventuallyAsync(() => Task.FromResult(signals.Published), n => n >= 1);
        var energy = await _portal.WithDbAsync(db => db.Ministries.Where(m => m.Code == "MDERM").Select(m => m.Id).SingleAsync());
        var scopes = new[] { RoomScope.Nation, RoomScope.Nation with { MinistryId = energy, MinistryCode = "MDERM" } };
        foreach (var scope in scopes)
        {
            await snapshots.GetAsync(scope, includeWorkload: true, default);
            await snapshots.GetAsync(scope, includeWorkload: false, default);
        }
        var (fullBefore, partialBefore) = (snapshots.FullReadings, snapshots.PartialReadings);

        var world = await RoomWorld.BuildAsync(_portal, RoomFixture.Now);
        var heard = await TestPayments.EventuallyAsync(() => Task.FromResult(signals.Published), n => n > world.Steps.Count);
        var followed = new List<RoomSnapshot>();
        foreach (var scope in scopes)
        {
            followed.Add(await snapshots.GetAsync(scope, includeWorkload: true, default, atLeast: snapshots.Generation));
            followed.Add(await snapshots.GetAsync(scope, includeWorkload: false, default, atLeast: snapshots.Generation));
        }
        var (fullAfter, partialAfter) = (snapshots.FullReadings, snapshots.PartialReadings);

        Assert.Equal(fullBefore, fullAfter);
        Assert.Equal(partialBefore + followed.Count, partialAfter);
        var i = 0;
        foreach (var scope in scopes)
        {
            foreach (var workload in new[] { true, false })
            {
                await using var services = _portal.Services.CreateAsyncScope();
                var fromScratch = await services.ServiceProvider.GetRequiredService<RoomQueries>().SnapshotAsync(scope, workload, RoomFixture.Now, null, null, default);
                AssertSame(fromScratch.Snapshot, followed[i++]);
            }
        }
        Assert.NotEqual(0, followed[0].Totals.Open);
        Assert.NotEqual(0, followed[0].Totals.Decided30Days);
        Assert.True(heard > world.Steps.Count);
    }

    private static void AssertSame(RoomSnapshot expected, RoomSnapshot actual)
    {
        Assert.Equal(expected.Seq, actual.Seq);
        Assert.Equal(expected.Totals, actual.Totals);
        Assert.Equal(expected.Ministries, actual.Ministries);
        Assert.Equal(expected.Offices, actual.Offices);
        Assert.Equal(expected.Procedures, actual.Procedures);
        Assert.Equal(expected.Feed, actual.Feed);
        if (expected.Workload is null)
        {
            Assert.Null(actual.Workload);
        }
        else
        {
            Assert.Equal(expected.Workload, actual.Workload!);
        }
    }
}
