using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServicePublic.Web.Infrastructure.Webhooks;

/// <summary>
/// How the portal signs what it posts and checks what providers post to it (the payment sandbox's
/// callbacks, the SMS and USSD aggregator's messages): a header <c>t={unix seconds},v1={hex}</c>,
/// where hex is HMAC-SHA256(secret, "{t}.{body}"). The timestamp bounds replays.
/// </summary>
public static class WebhookSignature
{
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

    /// <summary>A configured secret, or one drawn for this process (development: one instance only, said in the log).</summary>
    public static string OrRandom(string? configured, ILogger logger, string setting)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        logger.LogWarning("{Setting} is not set: a random secret is used, valid for this instance only", setting);
        return Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    }
}
