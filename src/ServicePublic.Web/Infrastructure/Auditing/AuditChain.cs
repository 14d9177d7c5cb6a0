using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// Walks the audit chain in sequence order, recomputing each hash, and reports the first entry
/// that does not fit: its content was edited, its link was rewritten, or entries before it are missing.
/// </summary>
public sealed class AuditChain(AppDbContext db)
{
    public const int BatchSize = 1000;

    public async Task<AuditChainResult> VerifyAsync(CancellationToken ct)
    {
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
                if (problem is { } kind)
                {
                    return new AuditChainResult(count, new AuditBreak(entry.Sequence, entry.Id, kind, previousSequence + 1));
                }
                count++;
                previousSequence = entry.Sequence;
                previousHash = entry.Hash;
            }
            if (batch.Count < BatchSize)
            {
                return new AuditChainResult(count, null);
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
}

/// <summary>The first entry that breaks the chain; <paramref name="ExpectedSequence"/> tells where a gap starts.</summary>
public sealed record AuditBreak(long Sequence, long Id, AuditBreakKind Kind, long ExpectedSequence)
{
    /// <summary>In French, for the journal page and the command.</summary>
    public string Describe() => Kind switch
    {
        AuditBreakKind.HashMismatch => $"entrée n° {Sequence} (id {Id}) : son contenu ne correspond plus à son empreinte, elle a été modifiée",
        AuditBreakKind.PreviousHashMismatch => $"entrée n° {Sequence} (id {Id}) : elle ne renvoie pas à l'empreinte de l'entrée précédente",
        _ => $"entrée n° {Sequence} (id {Id}) : n° {ExpectedSequence} attendu, des entrées manquent (supprimées)",
    };
}

/// <summary><paramref name="ValidCount"/> entries checked before the first break, or all of them when there is none.</summary>
public sealed record AuditChainResult(long ValidCount, AuditBreak? FirstBreak)
{
    public bool IsValid => FirstBreak is null;
}
