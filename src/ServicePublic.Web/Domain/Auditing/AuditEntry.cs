namespace ServicePublic.Web.Domain.Auditing;

/// <summary>
/// One security-relevant event: sign-ins, failures, lockouts, role changes, payments… Entries
/// form a hash chain (<see cref="AuditHash"/>): editing or deleting one breaks every later link.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    /// <summary>Position in the chain: 1, 2, 3… without gaps.</summary>
    public long Sequence { get; private set; }

    /// <summary>The previous entry's <see cref="Hash"/> (64 zeros for the first one).</summary>
    public string PreviousHash { get; private set; } = "";

    /// <summary>Hex SHA-256 of this entry's content and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }
    public string Action { get; private set; } = "";

    /// <summary>Who acted (a user id), when known.</summary>
    public string? ActorId { get; private set; }

    /// <summary>What the action concerns (a user id, a business id…).</summary>
    public string? SubjectId { get; private set; }

    public string? IpAddress { get; private set; }
    public string? Details { get; private set; }

    private AuditEntry()
    {
    }

    public AuditEntry(string action, string? actorId, string? subjectId, string? ipAddress, string? details, DateTimeOffset now)
    {
        Action = action;
        ActorId = actorId;
        SubjectId = subjectId;
        IpAddress = ipAddress;
        Details = details;
        // PostgreSQL keeps microseconds: what is hashed must be what reads back.
        OccurredAt = AuditHash.ToMicroseconds(now);
    }

    /// <summary>Links this entry after the one whose sequence and hash are given (none: the first entry).</summary>
    public void Chain(long previousSequence, string? previousHash)
    {
        Sequence = previousSequence + 1;
        PreviousHash = previousHash ?? AuditHash.Genesis;
        Hash = AuditHash.Compute(this);
    }
}
