using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>
/// CinetPay's checkout API (v2) as its documentation describes it, with its own books: POST
/// /v2/payment creates a payment and gives the checkout page (code "201"); POST
/// /v2/payment/check says where it stands (data.status ACCEPTED, REFUSED, WAITING_FOR_CUSTOMER…).
/// Its notifications are form posts signed with an x-token header.
/// </summary>
public sealed class FakeCinetPay : FakeProvider
{
    public const string ApiKey = "cinetpay-test-apikey-0123456789";
    public const string SiteId = "5870342";
    public const string SecretKey = "cinetpay-test-secret-0123456789";
    public const string PaymentPath = "/v2/payment";
    public const string CheckPath = "/v2/payment/check";

    private readonly ConcurrentDictionary<string, Transaction> _transactions = new();

    public Transaction this[Guid transactionId] => _transactions[transactionId.ToString()];

    /// <summary>What the payer does on the checkout page: pays, has the card declined, or gives up.</summary>
    public void Settle(Guid transactionId, Outcome outcome)
    {
        var transaction = this[transactionId];
        (transaction.Code, transaction.Message, transaction.Status, transaction.OperatorId) = outcome switch
        {
            Outcome.Accepted => ("00", "SUCCES", "ACCEPTED", "VISA-" + transaction.Token[..8]),
            Outcome.Refused => ("600", "PAYMENT_FAILED", "REFUSED", null),
            _ => ("627", "TRANSACTION_CANCEL", "REFUSED", null),
        };
    }

    /// <summary>
    /// The notification CinetPay posts for a transaction: the form body, and the x-token computed
    /// as CinetPay's documentation says, HMAC-SHA256 with the secret key over the field values in
    /// the documented order. The body lists the fields in another order: only the token's order counts.
    /// </summary>
    public static (string Body, string Token) Notification(string transactionId, string amount = "25000", string siteId = SiteId, string secretKey = SecretKey)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("cpm_site_id", siteId),
            new("cpm_trans_id", transactionId),
            new("cpm_trans_date", "2026-01-15 10:42:00"),
            new("cpm_amount", amount),
            new("cpm_currency", "XOF"),
            new("signature", "c7a1a5c0e6f1b2d3"),
            new("payment_method", "VISAM"),
            new("cel_phone_num", ""),
            new("cpm_phone_prefixe", "228"),
            new("cpm_language", "fr"),
            new("cpm_version", "V4"),
            new("cpm_payment_config", "SINGLE"),
            new("cpm_page_action", "PAYMENT"),
            new("cpm_custom", ""),
            new("cpm_designation", "Carte d'importateur – TG-2026-00000012 & frais"),
            new("cpm_error_message", "SUCCES"),
        ];
        var data = string.Concat(fields.Select(f => f.Value));
        var token = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(data)));
        var body = string.Join("&", Enumerable.Reverse(fields).Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value)}"));
        return (body, token);
    }

    private static IResult Answer(int status, string code, string message, object? data = null) =>
        Results.Json(new { code, message, description = message, data, api_response_id = "1768473720.5531" }, statusCode: status);

    protected override void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(PaymentPath, async (HttpRequest request) =>
        {
            if (await LoopbackServer.ReadJsonAsync(request) is not { } json)
            {
                return Answer(400, "608", "MINIMUM_REQUIRED_FIELDS");
            }
            if (LoopbackServer.Text(json, "apikey") != ApiKey || LoopbackServer.Text(json, "site_id") != SiteId)
            {
                return Answer(403, "609", "AUTH_NOT_FOUND");
            }
            var required = new[] { "transaction_id", "currency", "description", "notify_url", "return_url", "channels" };
            if (required.Any(f => string.IsNullOrEmpty(LoopbackServer.Text(json, f)))
                || !json.TryGetProperty("amount", out var amount) || !amount.TryGetInt64(out var value) || value < 100 || value % 5 != 0)
            {
                return Answer(400, "608", "MINIMUM_REQUIRED_FIELDS");
            }
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var transaction = new Transaction(LoopbackServer.Text(json, "transaction_id")!, token, value);
            if (!_transactions.TryAdd(transaction.Id, transaction))
            {
                return Answer(400, "624", "TRANSACTION_ID_ALREADY_EXISTS");
            }
            return Answer(200, "201", "CREATED", new { payment_token = token, payment_url = $"{BaseUrl}/payment/{token}" });
        });
        app.MapPost(CheckPath, async (HttpRequest request) =>
        {
            if (await LoopbackServer.ReadJsonAsync(request) is not { } json)
            {
                return Answer(400, "608", "MINIMUM_REQUIRED_FIELDS");
            }
            if (LoopbackServer.Text(json, "apikey") != ApiKey || LoopbackServer.Text(json, "site_id") != SiteId)
            {
                return Answer(403, "609", "AUTH_NOT_FOUND");
            }
            if (!_transactions.TryGetValue(LoopbackServer.Text(json, "transaction_id") ?? "", out var transaction))
            {
                return Answer(404, "404", "TRANSACTION_NOT_FOUND");
            }
            return Answer(200, transaction.Code, transaction.Message, new
            {
                amount = transaction.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                currency = "XOF",
                status = transaction.Status,
                payment_method = "VISAM",
                description = "Carte d'importateur",
                metadata = (string?)null,
                operator_id = transaction.OperatorId,
                payment_date = transaction.Status == "ACCEPTED" ? "2026-01-15 10:42:00" : " ",
                fund_availability_date = "2026-01-17 00:00:00",
            });
        });
    }

    public enum Outcome
    {
        Accepted = 1,
        Refused = 2,
        CancelledByPayer = 3,
    }

    public sealed class Transaction(string id, string token, long amount)
    {
        public string Id { get; } = id;
        public string Token { get; } = token;
        public long Amount { get; set; } = amount;

        /// <summary>Waiting for the payer until the checkout page is used.</summary>
        public string Code { get; set; } = "662";
        public string Message { get; set; } = "WAITING_CUSTOMER_PAYMENT";
        public string Status { get; set; } = "WAITING_FOR_CUSTOMER";
        public string? OperatorId { get; set; }
    }
}
