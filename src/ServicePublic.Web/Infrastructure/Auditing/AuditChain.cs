using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// Walks the audit chain in sequence order, recomputing each hash, and reports the first entry
/// that does not fit: its content was edited, its link was rewritten, entries before it are
/// missing, or it no longer has the hash a signed checkpoint recorded for it (the chain was
/// rewritten with recomputed hashes). A chain that ends before the last signed checkpoint lost its
/// tail. Checkpoint lines whose signature does not verify are reported and ignored.
/// </summary>
public sealed class AuditChain(AppDbContext db, AuditCheckpointStore checkpoints)
{
    public const int BatchSize = 1000;

    public async Task<AuditChainResult> VerifyAsync(CancellationToken ct)
    {
        var reading = await checkpoints.ReadAllAsync(ct);
        var pending = new Queue<AuditCheckpoint>(reading.Trusted.OrderBy(c => c.Sequence));
        AuditChainResult Result(long valid, AuditBreak? broken) => new(valid, broken)
        {
            CheckpointCount = reading.Trusted.Count,
            LastCheckpoint = reading.Trusted.MaxBy(c => c.Sequence),
            RejectedCheckpoints = reading.Rejected,
        };

        long count = 0;
        long previousSequence = 0;
        var previousHash = AuditHash.Genesis;
        while (true)
        {
            // Keyset pagination: memory stays flat however long the journal grows.
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > previousSequence)
                .OrderBy(a => a.Sequence)
                .Take(BatchSize)
                .ToListAsync(ct);
            foreach (var entry in batch)
            {
                var problem = entry.Sequence != previousSequence + 1 ? AuditBreakKind.SequenceGap
                    : entry.PreviousHash != previousHash ? AuditBreakKind.PreviousHashMismatch
                    : entry.Hash != AuditHash.Compute(entry) ? AuditBreakKind.HashMismatch
                    : (AuditBreakKind?)null;
                while (problem is null && pending.TryPeek(out var checkpoint) && checkpoint.Sequence <= entry.Sequence)
                {
                    pending.Dequeue();
                    if (checkpoint.Hash != entry.Hash)
                    {
                        problem = AuditBreakKind.CheckpointMismatch;
                    }
                }
                if (problem is { } kind)
                {
                    return Result(count, new AuditBreak(entry.Sequence, entry.Id, kind, previousSequence + 1));
                }
                count++;
                previousSequence = entry.Sequence;
                previousHash = entry.Hash;
            }
            if (batch.Count < BatchSize)
            {
                var beyond = pending.LastOrDefault();
                return Result(count, beyond is null ? null : new AuditBreak(beyond.Sequence, null, AuditBreakKind.TailDeleted, previousSequence + 1));
            }
        }
    }
}

public enum AuditBreakKind
{
    /// <summary>The entry's content no longer matches its hash: it was edited.</summary>
    HashMismatch,

    /// <summary>The entry does not point to the previous entry's hash: the chain was rewritten before it.</summary>
    PreviousHashMismatch,

    /// <summary>Sequence numbers jump: entries before this one were deleted.</summary>
    SequenceGap,

    /// <summary>The entry's hash is not the one a signed checkpoint recorded: the chain was rewritten up to it, hashes recomputed.</summary>
    CheckpointMismatch,

    /// <summary>The chain ends before a signed checkpoint's sequence: its last entries were deleted.</summary>
    TailDeleted,
}

/// <summary>
/// The first entry that breaks the chain; <paramref name="ExpectedSequence"/> tells where a gap
/// starts. For a deleted tail, <paramref name="Sequence"/> is the last checkpointed one and there is no <paramref name="Id"/>.
/// </summary>
public sealed record AuditBreak(long Sequence, long? Id, AuditBreakKind Kind, long ExpectedSequence)
{
    /// <summary>In French, for the command.</summary>
    public string Describe() => Kind switch
    {
        AuditBreakKind.HashMismatch => $"entrée n° {Sequence} (id {Id}) : son contenu ne correspond plus à son empreinte, elle a été modifiée",
        AuditBreakKind.PreviousHashMismatch => $"entrée n° {Sequence} (id {Id}) : elle ne renvoie pas à l'empreinte de l'entrée précédente",
        AuditBreakKind.CheckpointMismatch => $"entrée n° {Sequence} (id {Id}) : son empreinte n'est plus celle qu'un point de contrôle signé a enregistrée, la chaîne a été réécrite jusqu'à elle",
        AuditBreakKind.TailDeleted => $"la chaîne s'arrête au n° {ExpectedSequence - 1} alors qu'un point de contrôle signé a enregistré le n° {Sequence} : les dernières entrées ont été supprimées",
        _ => $"entrée n° {Sequence} (id {Id}) : n° {ExpectedSequence} attendu, des entrées manquent (supprimées)",
    };
}

/// <summary>
/// <paramref name="ValidCount"/> entries checked before the first break, or all of them when there
/// is none; the signed checkpoints it was held against, and the checkpoint lines rejected as forged.
/// </summary>
public sealed record AuditChainResult(long ValidCount, AuditBreak? FirstBreak)
{
    public int CheckpointCount { get; init; }

    public AuditCheckpoint? LastCheckpoint { get; init; }

    public IReadOnlyList<RejectedCheckpoint> RejectedCheckpoints { get; init; } = [];

    public bool IsValid => FirstBreak is null && RejectedCheckpoints.Count == 0;
}
