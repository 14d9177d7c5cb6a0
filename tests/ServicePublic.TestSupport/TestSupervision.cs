using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.Web.Infrastructure.Notifications;

namespace ServicePublic.TestSupport;

/// <summary>One line of supervision_activity: its number (the live event's id) and the time the change set.</summary>
public sealed record SupervisionActivity(long Seq, DateTimeOffset At);

/// <summary>The live path from the tests' side: what the triggers recorded, and the listening connection.</summary>
public static class TestSupervision
{
    /// <summary>The activity recorded for <paramref name="requestId"/>'s change of kind <paramref name="kind"/> (filed, taken…).</summary>
    public static Task<SupervisionActivity> ActivityAsync(this PortalFactory portal, Guid requestId, string kind) =>
        portal.WithDbAsync(db => db.Database
            .SqlQuery<SupervisionActivity>($"SELECT id AS seq, at FROM supervision_activity WHERE request_id = {requestId} AND kind = {kind}")
            .SingleAsync());

    /// <summary>
    /// Cuts the listening connections of every node on this portal's database (not other tests'
    /// databases), as a network failure or a database restart would; they reconnect after a pause.
    /// </summary>
    public static async Task<int> CutListenersAsync(this PortalFactory portal) =>
        (await portal.WithDbAsync(db => db.Database.SqlQuery<bool>($"""
            SELECT pg_terminate_backend(pid) AS "Value" FROM pg_stat_activity
            WHERE application_name = 'servicepublic-listener' AND datname = current_database()
            """).ToListAsync())).Count(cut => cut);

    /// <summary>Waits until the node's listening connection is up (it starts, or reconnects, in the background).</summary>
    public static Task ListeningAsync(this PortalFactory portal) =>
        TestPayments.EventuallyAsync(() => Task.FromResult(portal.Services.GetRequiredService<SupervisionListener>().IsListening), listening => listening);
}
