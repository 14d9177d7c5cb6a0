using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Features.Auditing;
using Xunit.Abstractions;

namespace ServicePublic.IntegrationTests.Auditing;

/// <summary>
/// The hash-chained audit journal while nobody tampers with it: concurrent appends, appends within
/// the caller's changes, the database's refusal of edits, who sees the admin page. These tests
/// share one database of their own (not the portal collection's, where payment callbacks may
/// append while a test counts), since each only appends and finds the chain intact. Tampering is
/// in <see cref="AuditTamperingTests"/>.
/// </summary>
public sealed class AuditChainTests(PortalFixture fixture, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    private readonly PortalFactory _portal = fixture.Factory;

    [Fact]
    public async Task ConcurrentAppends_FromSeparateScopes_GiveOneGapFreeValidChain()
    {
        var before = (await _portal.VerifyAuditChainAsync()).ValidCount;
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var scope = _portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            if (i % 2 == 0)
            {
                await audit.RecordAsync(AuditActions.PaymentStarted, $"concurrent-{i}");
                return;
            }
            // Half of them inside the caller's own transaction, as PaymentProcessor does.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await audit.RecordAsync(AuditActions.PaymentStatusChanged, $"concurrent-{i}");
                await transaction.CommitAsync();
            });
        })));
        output.WriteLine($"50 concurrent appends: {watch.ElapsedMilliseconds} ms");

        var result = await _portal.VerifyAuditChainAsync();
        Assert.True(result.IsValid, result.FirstBreak?.Describe());
        Assert.Equal(before + 50, result.ValidCount);
        await using var scope = _portal.Services.CreateAsyncScope();
        var sequences = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries
            .OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        Assert.Equal(50, await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.SubjectId!.StartsWith("concurrent-")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Record_SavesTheCallersPendingChangesOnce_WithOrWithoutItsTransaction(bool inTransaction)
    {
        var recipient = TestAccounts.NewEmail("audit");
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            async Task ChangeAndRecordAsync()
            {
                db.OutboxMessages.Add(OutboxMessage.Email(recipient, "Objet", "Corps", DateTimeOffset.UtcNow));
                await audit.RecordAsync(AuditActions.SignedUp, recipient);
            }
            if (inTransaction)
            {
                await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await ChangeAndRecordAsync();
                    await transaction.CommitAsync();
                });
            }
            else
            {
                await ChangeAndRecordAsync();
            }
            Assert.False(db.ChangeTracker.HasChanges());
        }

        await using var check = _portal.Services.CreateAsyncScope();
        var saved = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await saved.OutboxMessages.CountAsync(m => m.Recipient == recipient));
        Assert.Equal(1, await saved.AuditEntries.CountAsync(a => a.SubjectId == recipient));
        Assert.True((await _portal.VerifyAuditChainAsync()).IsValid);
    }

    [Fact]
    public async Task Database_RefusesUpdatesAndDeletes_OfAuditEntries()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(1);
        await using var connection = new NpgsqlConnection(_portal.ConnectionString);
        await connection.OpenAsync();

        foreach (var sql in new[] { "UPDATE audit_entries SET details = 'x' WHERE sequence = @sequence", "DELETE FROM audit_entries WHERE sequence = @sequence" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("sequence", sequences[0]);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.MessageText);
        }
        Assert.True((await _portal.VerifyAuditChainAsync()).IsValid);
    }

    [Fact]
    public async Task JournalPage_IsRefused_ToACitizen()
    {
        var citizen = await _portal.CreateAsync();
        var visitor = _portal.NewVisitor();
        await visitor.SignInAsync(citizen.Email!);

        var page = await visitor.GetAsync("/admin/journal");
        var check = await visitor.PostAsync("/admin/journal/verifier", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/compte/acces-refuse", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, check.StatusCode);
    }
}
