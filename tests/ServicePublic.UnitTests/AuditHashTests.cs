using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.UnitTests;

public sealed class AuditHashTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);

    private static AuditEntry Entry(string? actor = "u1", string? subject = "s1", string? details = "détails", string? ip = "127.0.0.1", DateTimeOffset? at = null)
    {
        // A name from before AuditActions' convention: such entries must hash as they always did.
        var entry = new AuditEntry("roles.changed", actor, subject, ip, details, at ?? Now);
        entry.Chain(41, "ab".PadRight(64, 'c'));
        return entry;
    }

    [Fact]
    public void Canonical_LengthPrefixesEveryFieldInUtf8Bytes_AndWritesTimesInUtcMicroseconds()
    {
        // "détails": 7 characters, 8 bytes.
        Assert.Equal(
            "sp-audit-v1|2:42|27:2026-11-23T09:00:00.123456Z|13:roles.changed|2:u1|2:s1|9:127.0.0.1|8:détails|64:" + "ab".PadRight(64, 'c'),
            AuditHash.Canonical(Entry()));
    }

    [Fact]
    public void Hash_IsTheSame_ForTheSameEntryComputedTwice()
    {
        var hash = AuditHash.Compute(Entry());

        Assert.Equal(hash, AuditHash.Compute(Entry()));
        Assert.Equal(hash, Entry().Hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Hash_Differs_WhenTextMovesBetweenFields_OrNullBecomesEmpty()
    {
        // Plain concatenation would give "u1s1" both times; the length prefixes keep them apart.
        Assert.NotEqual(Entry(actor: "u1", subject: "s1").Hash, Entry(actor: "u1s", subject: "1").Hash);
        Assert.NotEqual(Entry(details: null).Hash, Entry(details: "").Hash);
        Assert.NotEqual(Entry(details: "-").Hash, Entry(details: null).Hash);
    }

    [Fact]
    public void OccurredAt_IsTruncatedToMicroseconds_SoTheStoredValueRehashesIdentically()
    {
        var entry = Entry(at: Now.AddTicks(2));

        Assert.Equal(0, entry.OccurredAt.Ticks % 10);
        Assert.Equal(TimeSpan.Zero, entry.OccurredAt.Offset);
        Assert.Equal(Entry().Hash, entry.Hash);
    }

    [Fact]
    public void Chain_StartsFromGenesis_AndNumbersOnFromThePreviousEntry()
    {
        var first = new AuditEntry(AuditActions.SignedUp, null, "s", null, null, Now);
        first.Chain(0, null);
        var second = new AuditEntry(AuditActions.SignedUp, null, "s", null, null, Now);
        second.Chain(first.Sequence, first.Hash);

        Assert.Equal((1, AuditHash.Genesis), (first.Sequence, first.PreviousHash));
        Assert.Equal((2, first.Hash), (second.Sequence, second.PreviousHash));
        Assert.NotEqual(first.Hash, second.Hash);
    }
}
