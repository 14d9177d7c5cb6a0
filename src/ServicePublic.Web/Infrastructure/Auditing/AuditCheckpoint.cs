using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>A signed statement that the audit chain's entry <paramref name="Sequence"/> had <paramref name="Hash"/> at <paramref name="At"/>.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset At);

/// <summary>
/// Signs checkpoints with a key kept outside the database (Audit:CheckpointKey or
/// Audit:CheckpointKeyPath, ECDSA P-256), as one line of text an administrator can read and check:
/// <c>sp-audit-checkpoint-v1 {sequence} {hash} {time} {base64 signature}</c>, the signature
/// (IEEE P1363, SHA-256) covering everything before its last space.
/// </summary>
public sealed class AuditCheckpointSigner(ECDsa key) : IDisposable
{
    public const string KeySetting = "Audit:CheckpointKey";
    public const string KeyPathSetting = "Audit:CheckpointKeyPath";

    private const string Version = "sp-audit-checkpoint-v1";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const int SignatureLength = 64;

    public string Sign(AuditCheckpoint checkpoint)
    {
        var body = string.Join(' ', Version, checkpoint.Sequence.ToString(CultureInfo.InvariantCulture), checkpoint.Hash,
            checkpoint.At.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        var signature = key.SignData(Encoding.ASCII.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return body + " " + Convert.ToBase64String(signature);
    }

    /// <summary>The checkpoint a genuine line states; null for anything else (never throws on bad input).</summary>
    public AuditCheckpoint? Verify(string line)
    {
        line = line.Trim();
        var parts = line.Split(' ');
        if (parts is not [Version, var sequenceText, var hash, var timeText, var signatureText]
            || !long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1
            || hash.Length != AuditHash.Genesis.Length
            || !DateTime.TryParseExact(timeText, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return null;
        }
        var signature = new byte[SignatureLength];
        if (!Convert.TryFromBase64String(signatureText, signature, out var written) || written != SignatureLength
            || !key.VerifyData(Encoding.ASCII.GetBytes(line[..line.LastIndexOf(' ')]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return null;
        }
        return new AuditCheckpoint(sequence, hash, new DateTimeOffset(at, TimeSpan.Zero));
    }

    public void Dispose() => key.Dispose();
}
