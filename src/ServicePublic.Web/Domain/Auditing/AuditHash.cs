using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServicePublic.Web.Domain.Auditing;

/// <summary>
/// The audit chain's hash: SHA-256 over a canonical form of an entry where every field is
/// length-prefixed (in UTF-8 bytes) and null differs from empty, so no two different entries
/// serialise to the same bytes.
/// </summary>
public static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Bumped if the canonical form ever changes, so old and new entries cannot be confused.</summary>
    public const string Version = "sp-audit-v1";

    public static DateTimeOffset ToMicroseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string Compute(AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(entry))));

    /// <summary>"sp-audit-v1|5:12345|27:2026-…Z|…": each field as length:value, null as "-".</summary>
    public static string Canonical(AuditEntry entry)
    {
        var builder = new StringBuilder(Version);
        foreach (var field in new[]
        {
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            ToMicroseconds(entry.OccurredAt).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            entry.Action,
            entry.ActorId,
            entry.SubjectId,
            entry.IpAddress,
            entry.Details,
            entry.PreviousHash,
        })
        {
            builder.Append('|');
            if (field is null)
            {
                builder.Append('-');
            }
            else
            {
                builder.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
            }
        }
        return builder.ToString();
    }
}
