using System.Text;
using ServicePublic.Web.Infrastructure.BackgroundWork;

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
    ILogger<SandboxNotifier> logger) : PollingService(scopes, clock, logger)
{
    public const string ClientName = "sandbox-callbacks";

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);

    protected override string JobName => "Sandbox callbacks";

    protected override Task<int> HandleBatchAsync(IServiceProvider scope, CancellationToken ct) =>
        ClaimAndHandleAsync(scope, db => db.SandboxNotifications.FromSql($"""
            SELECT * FROM sandbox_notifications
            WHERE delivered_at IS NULL AND deliver_at <= {Clock.GetUtcNow()}
            ORDER BY deliver_at, id
            LIMIT 20
            FOR UPDATE SKIP LOCKED
            """), DeliverAsync, ct);

    private async Task DeliverAsync(SandboxNotification notification, CancellationToken ct)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, notification.Url)
            {
                Content = new StringContent(notification.Body, Encoding.UTF8, "application/json"),
            };
            message.Headers.Add(SandboxSignature.Header, SandboxSignature.Sign(secret.Value, notification.Body, Clock.GetUtcNow()));
            using var response = await http.CreateClient(ClientName).SendAsync(message, ct);
            if (response.IsSuccessStatusCode)
            {
                notification.Delivered(Clock.GetUtcNow());
            }
            else
            {
                notification.Failed($"HTTP {(int)response.StatusCode}", Clock.GetUtcNow());
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            notification.Failed(ex.Message, Clock.GetUtcNow());
        }
    }
}
