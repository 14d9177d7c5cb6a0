using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.IntegrationTests.Messaging;

/// <summary>The outbox sender on its own portal, with its background loop off and a recording transport.</summary>
public sealed class OutboxSenderTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory(await TestDatabase.CreateAsync("sp_outbox"), settings: new Dictionary<string, string>
        {
            ["Outbox:Enabled"] = "false",
            ["Database:SeedCatalogue"] = "false",
        });
        _portal.Start();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task SeveralSendersAtOnce_SendEachMessageExactlyOnce()
    {
        await AddAsync(Enumerable.Range(0, 60).Select(i => OutboxMessage.Email($"destinataire{i}@exemple.tg", "Objet", "Corps", DateTimeOffset.UtcNow)));
        var transport = new RecordingTransport();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var sender = NewSender(transport, batchSize: 5);
            while (await sender.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
        })));

        Assert.Equal(60, transport.Sent.Count);
        Assert.All(transport.Sent.GroupBy(r => r), g => Assert.Single(g));
        Assert.Equal(60, await CountAsync(OutboxStatus.Sent));
    }

    [Fact]
    public async Task AFailedSend_IsRetriedLater_AndGivenUpAfterTheLastAttempt()
    {
        await AddAsync([OutboxMessage.Sms("+22890000000", "Votre code", DateTimeOffset.UtcNow)]);
        var transport = new RecordingTransport { Fail = true };
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var sender = NewSender(transport, clock: clock);

        await sender.RunOnceAsync(CancellationToken.None);
        var afterFirst = await SingleAsync();
        var sentTooSoon = await sender.RunOnceAsync(CancellationToken.None);
        for (var attempt = 2; attempt <= OutboxMessage.MaxAttempts; attempt++)
        {
            clock.Now = clock.Now.AddDays(1);
            await sender.RunOnceAsync(CancellationToken.None);
        }
        var last = await SingleAsync();

        Assert.Equal(OutboxStatus.Pending, afterFirst.Status);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal("passerelle indisponible", afterFirst.LastError);
        Assert.True(afterFirst.NextAttemptAt > afterFirst.CreatedAt);
        Assert.Equal(0, sentTooSoon);
        Assert.Equal(OutboxStatus.Failed, last.Status);
        Assert.Equal(OutboxMessage.MaxAttempts, last.Attempts);
    }

    private OutboxSender NewSender(RecordingTransport transport, int batchSize = 20, TimeProvider? clock = null) => new(
        _portal.Services.GetRequiredService<IServiceScopeFactory>(), transport, transport, clock ?? TimeProvider.System,
        Options.Create(new OutboxSenderOptions { BatchSize = batchSize }), NullLogger<OutboxSender>.Instance);

    private async Task AddAsync(IEnumerable<OutboxMessage> messages)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAsync(OutboxStatus status)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.CountAsync(m => m.Status == status);
    }

    private async Task<OutboxMessage> SingleAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking().SingleAsync();
    }

    private sealed class RecordingTransport : IEmailTransport, ISmsSender
    {
        public ConcurrentBag<string> Sent { get; } = [];
        public bool Fail { get; init; }

        public Task SendAsync(string to, string subject, string body, CancellationToken ct) => Record(to);

        public Task SendAsync(string to, string message, CancellationToken ct) => Record(to);

        private Task Record(string to)
        {
            if (Fail)
            {
                throw new HttpRequestException("passerelle indisponible");
            }
            Sent.Add(to);
            return Task.CompletedTask;
        }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
