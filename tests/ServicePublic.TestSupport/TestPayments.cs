using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.TestSupport;

/// <summary>Payments as tests need them: a request awaiting payment, signed (or forged) sandbox callbacks, waiting for the background.</summary>
public static class TestPayments
{
    public const string CallbackUrl = "/api/paiements/sandbox/notification";

    /// <summary>The importer card, filed by an individual: 25 000 FCFA due.</summary>
    public static Task<Request> FileAwaitingPaymentAsync(this PortalFactory portal, ApplicationUser user, string slug = "carte-importateur") =>
        portal.FileAsync(user, slug, feeDue: true);

    /// <summary>A sandbox callback body, as the sandbox would send it.</summary>
    public static string CallbackBody(Guid paymentId, string status, long amount, string transaction = "SBX-TEST") =>
        JsonSerializer.Serialize(new SandboxCallback(Guid.NewGuid(), transaction, paymentId, status, amount, "XOF"));

    /// <summary>Posts a callback signed with <paramref name="secret"/> (the portal's by default) at <paramref name="signedAt"/> (now by default).</summary>
    public static Task<HttpResponseMessage> PostCallbackAsync(this HttpClient client, string body, string? secret = PortalFactory.SandboxSecret, DateTimeOffset? signedAt = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, CallbackUrl) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            message.Headers.Add(SandboxSignature.Header, SandboxSignature.Sign(secret, body, signedAt ?? DateTimeOffset.UtcNow));
        }
        return client.SendAsync(message);
    }

    public static async Task<T> WithDbAsync<T>(this PortalFactory portal, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>As <see cref="WithDbAsync"/>, but as the database's owner: for what the portal's role may not do (supervision_rebuild() truncates).</summary>
    public static async Task<T> WithOwnerDbAsync<T>(this PortalFactory portal, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetConnectionString(portal.ConnectionString);
        return await query(db);
    }

    public static Task<List<Payment>> PaymentsOfAsync(this PortalFactory portal, Guid requestId) =>
        portal.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.RequestId == requestId).OrderBy(p => p.CreatedAt).ToListAsync());

    public static Task<Request> RequestAsync(this PortalFactory portal, Guid requestId) =>
        portal.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == requestId));

    /// <summary>Polls until <paramref name="done"/> holds (background work: callbacks, the outbox), or fails after <paramref name="seconds"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Still not done after {seconds} s: {value}");
            }
            await Task.Delay(100);
        }
    }
}
