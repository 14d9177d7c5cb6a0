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

    [Fact]
    public async Task AResetLink_ReachesItsRecipient_AndIsErasedFromTheOutbox_OnceSent()
    {
        var user = await _portal.CreateAsync();
        var visitor = _portal.NewVisitor();
        var forgot = await visitor.GetPageAsync("/compte/mot-de-passe-oublie");
        await visitor.SubmitFormAsync(forgot, "form#forgot", new Dictionary<string, string> { ["Email"] = user.Email! });
        var link = TestAccounts.UrlIn((await _portal.LatestMessageAsync(user.Email!))!);
        var transport = new RecordingTransport();

        await NewSender(transport).RunOnceAsync(CancellationToken.None);
        var stored = await _portal.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == user.Email).OrderByDescending(m => m.Id).FirstAsync());

        Assert.Contains("/compte/reinitialiser-mot-de-passe?", link, StringComparison.Ordinal);
        Assert.Contains(transport.Bodies, body => body.Contains(link, StringComparison.Ordinal));
        Assert.Equal(OutboxMessage.ErasedBody, stored.Body);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.NotNull(stored.SentAt);
        Assert.False(string.IsNullOrEmpty(stored.Subject));
    }

    [Fact]
    public async Task AnSmsCode_WithoutAProviderIdToAwaitAReceiptFor_IsErasedOnceSent_AndWhenGivenUp()
    {
        await AddAsync([OutboxMessage.Sms("+22890000001", "ServicePublic : votre code de connexion est 482913.", DateTimeOffset.UtcNow)]);
        await AddAsync([OutboxMessage.Sms("+22890000002", "ServicePublic : votre code de connexion est 731564.", DateTimeOffset.UtcNow)]);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await NewSender(new RecordingTransport(), batchSize: 1).RunOnceAsync(CancellationToken.None);
        var failing = NewSender(new RecordingTransport { Fail = true }, clock: clock);
        for (var attempt = 1; attempt <= OutboxMessage.MaxAttempts; attempt++)
        {
            await failing.RunOnceAsync(CancellationToken.None);
            clock.Now = clock.Now.AddDays(1);
        }

        var bodies = await _portal.WithDbAsync(db => db.OutboxMessages.Select(m => new { m.Status, m.Body }).ToListAsync());

        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Failed], bodies.Select(m => m.Status).Order());
        Assert.All(bodies, m => Assert.Equal(OutboxMessage.ErasedBody, m.Body));
    }

    [Fact]
    public async Task WithoutATransport_TheBodyStaysReadableInTheOutbox_OutsideProductionOnly()
    {
        await AddAsync([OutboxMessage.Email("dev@exemple.tg", "Objet", "Lien http://localhost/secret", DateTimeOffset.UtcNow)]);
        await AddAsync([OutboxMessage.Email("prod@exemple.tg", "Objet", "Lien http://localhost/secret", DateTimeOffset.UtcNow)]);
        var development = new KeptInOutboxTransport(NullLogger<KeptInOutboxTransport>.Instance, keepsMessages: true);
        var production = new KeptInOutboxTransport(NullLogger<KeptInOutboxTransport>.Instance, keepsMessages: false);

        await NewSender(development, development, batchSize: 1).RunOnceAsync(CancellationToken.None);
        await NewSender(production, production, batchSize: 1).RunOnceAsync(CancellationToken.None);

        Assert.Equal("Lien http://localhost/secret", await _portal.LatestMessageAsync("dev@exemple.tg"));
        Assert.Equal(OutboxMessage.ErasedBody, await _portal.LatestMessageAsync("prod@exemple.tg"));
    }

    [Fact]
    public async Task SentMessages_OlderThanTheRetention_AreDeleted_NewerAndPendingOnesKept()
    {
        var now = DateTimeOffset.UtcNow;
        await AddAsync([
            OutboxMessage.Email("ancien@exemple.tg", "Objet", "Corps", now.AddDays(-91)),
            OutboxMessage.Sms("+22890000003", "Corps", now.AddDays(-120)),
            OutboxMessage.Email("recent@exemple.tg", "Objet", "Corps", now.AddDays(-89)),
        ]);
        await NewSender(new RecordingTransport()).RunOnceAsync(CancellationToken.None);
        await AddAsync([OutboxMessage.Email("en-attente@exemple.tg", "Objet", "Corps", now.AddDays(-100))]);
        var retention = new OutboxRetention(_portal.Services.GetRequiredService<IServiceScopeFactory>(), new RecordingTransport(), TimeProvider.System,
            Options.Create(new OutboxSenderOptions { RetentionDays = 90 }), NullLogger<OutboxRetention>.Instance);

        var deleted = await retention.RunOnceAsync(CancellationToken.None);
        var left = await _portal.WithDbAsync(db => db.OutboxMessages.OrderBy(m => m.Recipient).Select(m => m.Recipient).ToListAsync());

        Assert.Equal(2, deleted);
        Assert.Equal(["en-attente@exemple.tg", "recent@exemple.tg"], left);
    }

    private OutboxSender NewSender(RecordingTransport transport, int batchSize = 20, TimeProvider? clock = null) =>
        NewSender(transport, transport, batchSize, clock);

    private OutboxSender NewSender(IEmailTransport email, ISmsSender sms, int batchSize = 20, TimeProvider? clock = null) => new(
        _portal.Services.GetRequiredService<IServiceScopeFactory>(), email, sms, clock ?? TimeProvider.System,
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
        public ConcurrentBag<string> Bodies { get; } = [];
        public bool Fail { get; init; }

        public Task SendAsync(string to, string subject, string body, CancellationToken ct) => Record(to, body);

        /// <summary>Gives no provider id, as a gateway without delivery receipts would.</summary>
        public async Task<string?> SendAsync(string to, string message, CancellationToken ct)
        {
            await Record(to, message);
            return null;
        }

        private Task Record(string to, string body)
        {
            if (Fail)
            {
                throw new HttpRequestException("passerelle indisponible");
            }
            Sent.Add(to);
            Bodies.Add(body);
            return Task.CompletedTask;
        }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
