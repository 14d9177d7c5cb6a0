using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServicePublic.Web.Data;

namespace ServicePublic.Web.Features.Payments.Sandbox;

/// <summary>
/// Posts the sandbox's queued callbacks, signed at sending time, retrying with back-off.
/// Rows are claimed with FOR UPDATE SKIP LOCKED, so several instances never post one twice
/// (unless it was queued twice on purpose).
/// </summary>
internal sealed class SandboxNotifier(
    IServiceScopeFactory scopes,
    IHttpClientFactory http,
    SandboxSecret secret,
    TimeProvider clock,
    IOptions<SandboxOptions> options,
    ILogger<SandboxNotifier> logger) : BackgroundService
{
    public const string ClientName = "sandbox-callbacks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverBatchAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sandbox callbacks failed; retrying later");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(db, DeliverBatchAsync, ct);
    }

    private async Task<int> DeliverBatchAsync(AppDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var batch = await db.SandboxNotifications
            .FromSql($"""
                SELECT * FROM sandbox_notifications
                WHERE delivered_at IS NULL AND deliver_at <= {now}
                ORDER BY deliver_at, id
                LIMIT 20
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        var client = http.CreateClient(ClientName);
        foreach (var notification in batch)
        {
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, notification.Url)
                {
                    Content = new StringContent(notification.Body, Encoding.UTF8, "application/json"),
                };
                message.Headers.Add(SandboxSignature.Header, SandboxSignature.Sign(secret.Value, notification.Body, clock.GetUtcNow()));
                using var response = await client.SendAsync(message, ct);
                if (response.IsSuccessStatusCode)
                {
                    notification.Delivered(clock.GetUtcNow());
                }
                else
                {
                    notification.Failed($"HTTP {(int)response.StatusCode}", clock.GetUtcNow());
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                notification.Failed(ex.Message, clock.GetUtcNow());
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch.Count;
    }
}
