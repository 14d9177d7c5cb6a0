using System.Security.Cryptography;
using System.Text;

namespace ServicePublic.Web.Features.Payments.CinetPay;

/// <summary>
/// CinetPay's notification token, header <c>x-token</c>: HMAC-SHA256 (lowercase hex, as PHP's
/// hash_hmac gives) with the merchant's secret key over the form values below, concatenated in
/// this order, a missing one counting as empty (docs.cinetpay.com, "X-TOKEN HMAC").
/// </summary>
public static class CinetPaySignature
{
    public const string Header = "x-token";

    public static readonly IReadOnlyList<string> Fields =
    [
        "cpm_site_id", "cpm_trans_id", "cpm_trans_date", "cpm_amount", "cpm_currency", "signature",
        "payment_method", "cel_phone_num", "cpm_phone_prefixe", "cpm_language", "cpm_version",
        "cpm_payment_config", "cpm_page_action", "cpm_custom", "cpm_designation", "cpm_error_message",
    ];

    public static string Sign(string secretKey, IReadOnlyDictionary<string, string> form)
    {
        var data = string.Concat(Fields.Select(f => form.GetValueOrDefault(f, "")));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(data)));
    }

    /// <summary>Null when the token is right; otherwise why not.</summary>
    public static string? Check(string secretKey, IReadOnlyDictionary<string, string> form, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return "jeton x-token absent";
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secretKey, form));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token.Trim().ToLowerInvariant()))
            ? null
            : "jeton x-token invalide";
    }
}
