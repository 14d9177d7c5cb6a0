using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Infrastructure.Auditing;
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
        // The pool's connections opened one by one first: fifty first connections at once (a SCRAM
        // exchange and a new backend each) can outlast the portal's 1 s connect timeout on a loaded
        // 2-core machine. The chain under concurrent appends is what is tested here, not connecting.
        var warm = new List<AsyncServiceScope>();
        for (var i = 0; i < 50; i++)
        {
            var opening = _portal.Services.CreateAsyncScope();
            await opening.ServiceProvider.GetRequiredService<AppDbContext>().Database.OpenConnectionAsync();
            warm.Add(opening);
        }
        foreach (var opened in warm)
        {
            await opened.DisposeAsync();
        }
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
    public async Task AnAuditedTransactionStillOpen_HoldsUpNoOtherAuditedWrite_AndOneRolledBackLeavesNoEntry()
    {
        // The chain lock is taken as a transaction commits, after every row it writes: a clerk's
        // decision still writing its rows no longer queues sign-ins and payments behind it, and the
        // two can no longer take the lock and a request's rows in opposite orders (issue 13).
        var subject = TestAccounts.NewEmail("open");
        await using var openScope = _portal.Services.CreateAsyncScope();
        var openDb = openScope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var open = await openDb.Database.BeginTransactionAsync();
        await openScope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.PaymentStatusChanged, subject + "-open");

        await using (var other = _portal.Services.CreateAsyncScope())
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            // Accents, a multi-byte character and no actor: the database hashes what AuditHash checks.
            await other.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(
                AuditActions.PaymentStarted, subject + "-other", details: "Décision « approuvée » — ẞ 𝄞", ct: patience.Token);
        }
        await using (var rolledBack = _portal.Services.CreateAsyncScope())
        {
            var db = rolledBack.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await rolledBack.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.PaymentStarted, subject + "-undone");
            await transaction.RollbackAsync();
        }
        await open.CommitAsync();

        await using var check = _portal.Services.CreateAsyncScope();
        var entries = await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.SubjectId!.StartsWith(subject)).OrderBy(a => a.Sequence).Select(a => a.SubjectId).ToListAsync();
        Assert.Equal([subject + "-other", subject + "-open"], entries);
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

/// <summary>
/// Tampering with the audit journal, caught by the check, the admin page and the command. Each test
/// has its own database (a copy of the template, so cheap), since tampering breaks the chain for
/// everything after it, and other tests' appends would shift the sequence numbers asserted here.
/// </summary>
public sealed class AuditTamperingTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory(await TestDatabase.CreateAsync("sp_audit"));
        _portal.Start();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Verify_ReportsTheEditedEntry_AsTheFirstBrokenOne()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(5);

        await TamperAsync("UPDATE audit_entries SET details = 'montant modifié' WHERE sequence = @sequence", sequences[2]);

        var result = await _portal.VerifyAuditChainAsync();
        Assert.False(result.IsValid);
        Assert.Equal(sequences[2], result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.HashMismatch, result.FirstBreak.Kind);
        Assert.Equal(sequences[2] - 1, result.ValidCount);
    }

    [Fact]
    public async Task Verify_ReportsAGap_WhenAnEntryIsDeleted()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(5);

        await TamperAsync("DELETE FROM audit_entries WHERE sequence = @sequence", sequences[1]);

        var result = await _portal.VerifyAuditChainAsync();
        Assert.Equal(sequences[2], result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.SequenceGap, result.FirstBreak.Kind);
        Assert.Equal(sequences[1], result.FirstBreak.ExpectedSequence);
    }

    [Fact]
    public async Task Verify_ReportsTheNextEntry_WhenAnEditedEntryIsRehashed()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(3);
        AuditEntry original;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            original = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == sequences[0]);
        }
        // Someone who knows the algorithm edits an entry and gives it a hash that matches: the
        // entry itself looks fine, but the next one still points to the old hash.
        var forged = new AuditEntry(original.Action, original.ActorId, original.SubjectId, original.IpAddress, "falsifié", original.OccurredAt);
        forged.Chain(original.Sequence - 1, original.PreviousHash);

        await TamperAsync("UPDATE audit_entries SET details = 'falsifié', hash = @text WHERE sequence = @sequence", sequences[0], forged.Hash);

        var result = await _portal.VerifyAuditChainAsync();
        Assert.Equal(sequences[1], result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.PreviousHashMismatch, result.FirstBreak.Kind);
    }

    [Fact]
    public async Task Command_ExitsWithOne_WhenTheChainIsBroken()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(3);
        var intact = new StringWriter();
        Assert.Equal(0, await AuditVerifyCommand.RunAsync(_portal.Services, intact));
        Assert.Contains("intacte", intact.ToString());

        await TamperAsync("UPDATE audit_entries SET actor_id = 'quelqu-un' WHERE sequence = @sequence", sequences[1]);

        var broken = new StringWriter();
        Assert.Equal(1, await AuditVerifyCommand.RunAsync(_portal.Services, broken));
        Assert.Contains($"entrée n° {sequences[1]} ", broken.ToString());
    }

    [Fact]
    public async Task JournalPage_ShowsTheCheckResult_ToAnAdministratorWithASecondFactor()
    {
        var admin = await _portal.CreateAsync(roles: [Roles.Administrator], twoFactor: true);
        var visitor = _portal.NewVisitor();
        await visitor.SignInWithTotpAsync(_portal, admin);
        var sequences = await _portal.RecordAuditEntriesAsync(2);

        var journal = await visitor.GetPageAsync($"/admin/journal?type={AuditActions.RolesChanged}&sujet=audit-test-{sequences[0]}");
        Assert.Equal(HttpStatusCode.OK, journal.Status);
        Assert.Equal([sequences[0].ToString(System.Globalization.CultureInfo.InvariantCulture)], journal.Texts("#journal tbody td:first-child"));
        var intact = await visitor.GetPageAsync("/admin/journal");
        var checkedPage = await CheckAsync(visitor, intact);
        Assert.Contains("Chaîne intacte", checkedPage.Texts("#check-result").Single());

        await TamperAsync("UPDATE audit_entries SET details = 'effacé' WHERE sequence = @sequence", sequences[1]);
        var broken = await CheckAsync(visitor, intact);
        Assert.Contains($"Première entrée en cause : n° {sequences[1]} ", broken.Texts("#check-result").Single());
        Assert.Contains("modifiée", broken.Texts("#check-result").Single());
    }

    private Task TamperAsync(string sql, long sequence, string? text = null) =>
        _portal.TamperAsync(sql, 1, ("sequence", sequence), ("text", (object?)text ?? DBNull.Value));

    private static async Task<Html.Page> CheckAsync(HttpClient visitor, Html.Page journal)
    {
        var response = await visitor.SubmitFormAsync(journal, "form#verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Html.Page(response, await Html.ParseAsync(response));
    }
}

/// <summary>Steps the audit journal tests share: append entries, check the chain.</summary>
internal static class AuditJournal
{
    /// <summary>Appends <paramref name="count"/> entries one after the other; returns their sequence numbers.</summary>
    public static async Task<List<long>> RecordAuditEntriesAsync(this PortalFactory portal, int count)
    {
        var sequences = new List<long>();
        for (var i = 0; i < count; i++)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var next = (await db.AuditEntries.MaxAsync(a => (long?)a.Sequence) ?? 0) + 1;
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.RolesChanged, $"audit-test-{next}", $"entrée {i}", "admin-test");
            sequences.Add(await db.AuditEntries.Where(a => a.SubjectId == $"audit-test-{next}").Select(a => a.Sequence).SingleAsync());
        }
        return sequences;
    }

    /// <summary>
    /// Changes the table behind the portal's back and checks that <paramref name="rows"/> rows
    /// changed. The append-only trigger refuses that, so this disables it for one transaction: the
    /// test user owns the database, and ALTER TABLE inside a transaction keeps the trigger off for
    /// nobody else.
    /// </summary>
    public static async Task TamperAsync(this PortalFactory portal, string sql, int rows, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var disable = new NpgsqlCommand("ALTER TABLE audit_entries DISABLE TRIGGER USER", connection, transaction))
        {
            await disable.ExecuteNonQueryAsync();
        }
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            Assert.Equal(rows, await command.ExecuteNonQueryAsync());
        }
        await using (var enable = new NpgsqlCommand("ALTER TABLE audit_entries ENABLE TRIGGER USER", connection, transaction))
        {
            await enable.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public static async Task<AuditChainResult> VerifyAuditChainAsync(this PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(CancellationToken.None);
    }
}
