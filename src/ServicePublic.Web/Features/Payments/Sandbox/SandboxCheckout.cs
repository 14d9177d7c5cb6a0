using System.Text.Json;

namespace ServicePublic.Web.Features.Payments.Sandbox;

/// <summary>What the tester decides on the checkout page, and the callbacks it queues.</summary>
public sealed class SandboxCheckout(AppDbContext db, IOptions<SandboxOptions> options, TimeProvider clock)
{
    public async Task<bool> DecideAsync(SandboxTransaction transaction, SandboxStatus decision, SandboxDelivery delivery, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!transaction.Decide(decision, now))
        {
            return false;
        }
        var final = Body(transaction, transaction.Status);
        switch (delivery)
        {
            case SandboxDelivery.Normal:
                Queue(transaction, final, now);
                break;
            case SandboxDelivery.Late:
                Queue(transaction, final, now.AddSeconds(options.Value.LateSeconds));
                break;
            case SandboxDelivery.Twice:
                Queue(transaction, final, now);
                Queue(transaction, final, now.AddSeconds(1));
                break;
            case SandboxDelivery.OutOfOrder:
                Queue(transaction, final, now);
                Queue(transaction, Body(transaction, SandboxStatus.Pending), now.AddSeconds(1));
                break;
            case SandboxDelivery.Lost:
                break;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void Queue(SandboxTransaction transaction, string body, DateTimeOffset at) =>
        db.SandboxNotifications.Add(new SandboxNotification(transaction.Id, transaction.NotificationUrl, body, at));

    private static string Body(SandboxTransaction transaction, SandboxStatus status) =>
        JsonSerializer.Serialize(new SandboxCallback(Guid.NewGuid(), transaction.Id, transaction.MerchantReference, SandboxGateway.StatusWord(status), transaction.Amount, "XOF"));
}
