using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ServicePublic.Web.Features.Businesses;

/// <summary>
/// Invitation links carry a random token; the database keeps only its SHA-256, so a leaked
/// table (or backup) gives nobody a working link.
/// </summary>
public static class InvitationTokens
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
