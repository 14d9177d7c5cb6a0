using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.IntegrationTests.Auditing;

/// <summary>
/// The audit chain held against signed checkpoints kept outside the database: what someone with
/// the database's rights alone can no longer hide (a deleted tail, a chain rewritten with
/// recomputed hashes), and checkpoints they cannot forge. Each test has its own database and
/// checkpoint folder.
/// </summary>
public sealed class AuditCheckpointTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory(await TestDatabase.CreateAsync("sp_audit"));
        _portal.Start();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private AuditCheckpointStore Store => _portal.Services.GetRequiredService<AuditCheckpointStore>();

    private Task<int> CheckpointAsync() => _portal.Services.GetRequiredService<AuditCheckpointer>().RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task Checkpointer_SignsTheHead_OnlyWhenItMoved()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(2);

        Assert.Equal(1, await CheckpointAsync());
        Assert.Equal(0, await CheckpointAsync());
        await _portal.RecordAuditEntriesAsync(1);
        Assert.Equal(1, await CheckpointAsync());

        var reading = await Store.ReadAllAsync(CancellationToken.None);
        Assert.Equal([sequences[1], sequences[1] + 1], reading.Trusted.Select(c => c.Sequence));
        var result = await _portal.VerifyAuditChainAsync();
        Assert.True(result.IsValid, result.FirstBreak?.Describe());
        Assert.Equal(2, result.CheckpointCount);
    }

    [Fact]
    public async Task Verify_ReportsADeletedTail_WhenEntriesAfterACheckpointAreDeleted()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(5);
        await CheckpointAsync();

        // Without the checkpoint, a chain missing its last two entries is a valid, shorter chain.
        await _portal.TamperAsync("DELETE FROM audit_entries WHERE sequence >= @sequence", 2, ("sequence", sequences[3]));

        var result = await _portal.VerifyAuditChainAsync();
        Assert.False(result.IsValid);
        Assert.Equal(AuditBreakKind.TailDeleted, result.FirstBreak!.Kind);
        Assert.Equal(sequences[4], result.FirstBreak.Sequence);
        Assert.Equal(sequences[3], result.FirstBreak.ExpectedSequence);
        var output = new StringWriter();
        Assert.Equal(1, await AuditVerifyCommand.RunAsync(_portal.Services, output));
        Assert.Contains("les dernières entrées ont été supprimées", output.ToString());
        // And the timer never signs the shortened chain over the checkpoint.
        Assert.Equal(0, await CheckpointAsync());
    }

    [Fact]
    public async Task Verify_ReportsARewrite_WhenTheChainIsRehashedFromAnEntry()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(5);
        await CheckpointAsync();

        // Someone who knows the algorithm rewrites entries 3 to 5 and recomputes every hash after
        // them: each link is consistent again, only the checkpoint remembers the former head.
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var entries = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
                .Where(a => a.Sequence >= sequences[2]).OrderBy(a => a.Sequence).ToListAsync();
            var previousHash = entries[0].PreviousHash;
            foreach (var entry in entries)
            {
                var forged = new AuditEntry(entry.Action, entry.ActorId, entry.SubjectId, entry.IpAddress, "réécrit", entry.OccurredAt);
                forged.Chain(entry.Sequence - 1, previousHash);
                await _portal.TamperAsync("UPDATE audit_entries SET details = 'réécrit', previous_hash = @previous, hash = @hash WHERE sequence = @sequence", 1,
                    ("sequence", entry.Sequence), ("previous", previousHash), ("hash", forged.Hash));
                previousHash = forged.Hash;
            }
        }

        var result = await _portal.VerifyAuditChainAsync();
        Assert.Equal(AuditBreakKind.CheckpointMismatch, result.FirstBreak!.Kind);
        Assert.Equal(sequences[4], result.FirstBreak.Sequence);
        Assert.Equal(sequences[4] - 1, result.ValidCount);
    }

    [Fact]
    public async Task Verify_RejectsForgedCheckpoints_AndDoesNotTrustThem()
    {
        var sequences = await _portal.RecordAuditEntriesAsync(3);
        await CheckpointAsync();
        // A checkpoint signed with another key, claiming the chain went further (a tail to "find"
        // deleted), and a genuine line whose hash was changed.
        using (var other = new AuditCheckpointSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256)))
        {
            await Store.AppendAsync(other.Sign(new AuditCheckpoint(sequences[2] + 10, AuditHash.Genesis, DateTimeOffset.UtcNow)), CancellationToken.None);
        }
        var genuine = _portal.Services.GetRequiredService<AuditCheckpointSigner>().Sign(new AuditCheckpoint(sequences[0], new string('a', 64), DateTimeOffset.UtcNow));
        Assert.NotNull(_portal.Services.GetRequiredService<AuditCheckpointSigner>().Verify(genuine));
        await Store.AppendAsync(genuine.Replace(new string('a', 64), new string('b', 64), StringComparison.Ordinal), CancellationToken.None);

        var result = await _portal.VerifyAuditChainAsync();
        Assert.Null(result.FirstBreak);
        Assert.Equal(1, result.CheckpointCount);
        Assert.Equal([2, 3], result.RejectedCheckpoints.Select(r => r.Line));
        Assert.False(result.IsValid);

        var admin = await _portal.CreateAsync(roles: [Roles.Administrator], twoFactor: true);
        var visitor = _portal.NewVisitor();
        await visitor.SignInWithTotpAsync(_portal, admin);
        var journal = await visitor.GetPageAsync("/admin/journal");
        var response = await visitor.SubmitFormAsync(journal, "form#verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new Html.Page(response, await Html.ParseAsync(response));
        Assert.Contains("Chaîne intacte", page.Texts("#check-result").Single());
        Assert.Contains("signature est invalide", page.Texts("#rejected-checkpoints p").Single());
        Assert.Equal(2, page.Texts("#rejected-checkpoints li").Count);
    }
}
