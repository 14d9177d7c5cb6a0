using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServicePublic.Web.Features.Documents;

/// <summary>
/// Signs what an issued document's QR code carries, with the portal's ECDSA P-256 key, so that a
/// verifier holding the public key (published at /verifier/cle-publique) can check it offline:
/// <c>SP1.{base64url(json)}.{base64url(signature)}</c>, the signature (IEEE P1363, r‖s, 64 bytes,
/// SHA-256) covering the ASCII text <c>SP1.{base64url(json)}</c>.
/// </summary>
public sealed class DocumentSigner : IDisposable
{
    public const string Prefix = "SP1";

    /// <summary>Longer input is not even parsed: no payload the portal signs comes near it.</summary>
    public const int MaxPayloadLength = 1500;

    private const int SignatureLength = 64;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ECDsa _key;

    public DocumentSigner(ECDsa key)
    {
        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException("The document signing key must be an ECDSA P-256 key.", nameof(key));
        }
        _key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem() + "\n";
    }

    /// <summary>The public key (SubjectPublicKeyInfo, PEM) that verifies every payload.</summary>
    public string PublicKeyPem { get; }

    public string Sign(DocumentClaims claims)
    {
        var body = Prefix + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, Json));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return body + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The claims of a genuine payload; null for anything else (never throws on bad input).</summary>
    public DocumentClaims? Verify(string? payload)
    {
        if (string.IsNullOrEmpty(payload) || payload.Length > MaxPayloadLength)
        {
            return null;
        }
        var parts = payload.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix)
        {
            return null;
        }
        try
        {
            var signature = new byte[SignatureLength];
            if (!Base64Url.TryDecodeFromChars(parts[2], signature, out var written) || written != SignatureLength
                || !_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return null;
            }
            return JsonSerializer.Deserialize<DocumentClaims>(Base64Url.DecodeFromChars(parts[1]), Json);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>What the QR code states, in short names to keep the code small.</summary>
/// <param name="Holder">The holder's name, partly masked.</param>
public sealed record DocumentClaims(
    [property: JsonPropertyName("n")] string Number,
    [property: JsonPropertyName("c")] string Code,
    [property: JsonPropertyName("t")] string Kind,
    [property: JsonPropertyName("h")] string Holder,
    [property: JsonPropertyName("i")] DateOnly IssuedOn,
    [property: JsonPropertyName("v")] DateOnly? ValidUntil);
