using System.Text.Json;
using Npgsql;
using ServicePublic.Web.Data.Migrations;
using ServicePublic.Web.Infrastructure.BackgroundWork;
using ServicePublic.Web.Infrastructure.Caching;

namespace ServicePublic.Web.Infrastructure.Notifications;

/// <summary>
/// The node's one listening connection: LISTEN supervision and public_pages, then Npgsql's
/// WaitAsync until a notification arrives (sent in the transaction of each change, delivered at its
/// commit, to every node). Supervision signals go to the screens; public_pages evicts this node's
/// output cache. A lost connection is reopened after a pause (growing while the database stays
/// away); then a resync signal tells the screens to read a fresh snapshot and the public pages are
/// evicted, since notifications sent meanwhile are gone.
/// </summary>
public sealed class SupervisionListener(
    IConfiguration configuration, SupervisionSignals signals, PublicPageEviction publicPages, ILogger<SupervisionListener> logger) : BackgroundService
{
    /// <summary>True while the connection is listening (for the health page and tests).</summary>
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Default"))
        {
            // A dedicated connection: never returned to a pool another caller could take it from.
            Pooling = false,
            KeepAlive = 30,
            ApplicationName = "servicepublic-listener",
        }.ConnectionString;
        var backoff = new FailureBackoff(TimeSpan.FromSeconds(2));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {SupervisionSql.Channel}; LISTEN {PublicPageEviction.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                IsListening = true;
                if (backoff.Succeed())
                {
                    logger.LogInformation("Supervision listener listens again");
                }
                signals.Publish(SupervisionSignal.Resynchronise());
                await publicPages.EvictAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (backoff.Fail())
                {
                    logger.LogWarning(e, "Supervision listener lost its connection; reconnecting in {Pause}", backoff.Pause(TimeSpan.Zero));
                }
                else
                {
                    logger.LogDebug("Supervision listener still cannot connect: {Reason}", e.Message);
                }
            }
            finally
            {
                IsListening = false;
            }
            try
            {
                await Task.Delay(backoff.Pause(TimeSpan.Zero), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void OnNotification(string channel, string payload)
    {
        if (channel == PublicPageEviction.Channel)
        {
            // The in-memory store evicts synchronously: nothing is left waiting on the listening connection.
            _ = publicPages.EvictAsync(CancellationToken.None);
            return;
        }
        try
        {
            var signal = JsonSerializer.Deserialize<Payload>(payload);
            if (signal is not null)
            {
                signals.Publish(new SupervisionSignal(signal.seq, signal.ministry, signal.office, signal.procedure, signal.kind ?? ""));
            }
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Supervision notification not understood: {Payload}", payload);
        }
    }

#pragma warning disable IDE1006 // the trigger's JSON names
    private sealed record Payload(long seq, int ministry, int? office, int procedure, string? kind);
#pragma warning restore IDE1006
}

internal static class NotificationServices
{
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupervisionSignals>();
        builder.Services.AddSingleton<SupervisionListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SupervisionListener>());
    }
}
