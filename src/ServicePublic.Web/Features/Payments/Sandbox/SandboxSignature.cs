using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServicePublic.Web.Features.Payments.Sandbox;

/// <summary>
/// The sandbox's callback signature: header <c>X-Sandbox-Signature: t={unix seconds},v1={hex}</c>,
/// where hex is HMAC-SHA256(secret, "{t}.{body}"). The timestamp bounds replays.
/// </summary>
public static class SandboxSignature
{
    public const string Header = "X-Sandbox-Signature";

    public static string Sign(string secret, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Hex(secret, timestamp, body)}";
    }

    /// <summary>Null when valid; otherwise why not.</summary>
    public static string? Check(string secret, string body, string? header, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return "signature absente";
        }
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var timestamp) || !parts.TryGetValue("v1", out var signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "signature illisible";
        }
        var expected = Encoding.ASCII.GetBytes(Hex(secret, timestamp, body));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
        {
            return "signature invalide";
        }
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() > tolerance ? "signature trop ancienne, rejeu possible" : null;
    }

    private static string Hex(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
