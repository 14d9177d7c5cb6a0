using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>
/// PayGate Global as its documentation describes it, with its own books. POST /api/v1/pay
/// registers a payment (status 0; 2 wrong auth token, 4 invalid parameters, 6 duplicate
/// identifier); POST /api/v2/status says where it stands (0 paid, 2 pending, 4 expired,
/// 6 cancelled). Its callbacks are unsigned JSON that anyone could write.
/// </summary>
public sealed class FakePayGate : FakeProvider
{
    public const string AuthToken = "paygate-test-token-0123456789";
    public const string PayPath = "/api/v1/pay";
    public const string StatusPath = "/api/v2/status";

    // Togocel (T-Money) and Moov Africa (Flooz) mobile prefixes.
    private static readonly string[] TMoneyPrefixes = ["70", "71", "72", "73", "90", "91", "92", "93"];
    private static readonly string[] FloozPrefixes = ["78", "79", "94", "95", "96", "97", "98", "99"];

    private readonly ConcurrentDictionary<string, Transaction> _transactions = new();
    private long _nextReference = 4_000_000;

    public Transaction this[Guid identifier] => _transactions[identifier.ToString()];

    /// <summary>What happens on the payer's phone: 0 confirmed, 4 let expire, 6 declined.</summary>
    public void Settle(Guid identifier, int status)
    {
        var transaction = this[identifier];
        transaction.Status = status;
        if (status == 0)
        {
            transaction.PaymentReference ??= "TMN" + transaction.TxReference;
        }
    }

    /// <summary>The callback PayGate posts when a payment is confirmed.</summary>
    public static string CallbackBody(string identifier, long amount = 25_000) => JsonSerializer.Serialize(new
    {
        tx_reference = "4000001",
        identifier,
        payment_reference = "TMN4000001",
        amount,
        datetime = "2026-01-15 10:42:00",
        payment_method = "T-Money",
        phone_number = "90123456",
    });

    protected override void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(PayPath, async (HttpRequest request) =>
        {
            if (await LoopbackServer.ReadJsonAsync(request) is not { } json)
            {
                return Results.BadRequest();
            }
            if (LoopbackServer.Text(json, "auth_token") != AuthToken)
            {
                return Results.Json(new { tx_reference = (string?)null, status = 2 });
            }
            var phone = LoopbackServer.Text(json, "phone_number");
            var network = LoopbackServer.Text(json, "network");
            var identifier = LoopbackServer.Text(json, "identifier");
            string[] prefixes = network switch { "TMONEY" => TMoneyPrefixes, "FLOOZ" => FloozPrefixes, _ => [] };
            if (phone is not { Length: 8 } || !phone.All(char.IsAsciiDigit) || !prefixes.Contains(phone[..2])
                || !json.TryGetProperty("amount", out var amount) || !amount.TryGetInt64(out var value) || value <= 0
                || string.IsNullOrEmpty(identifier))
            {
                return Results.Json(new { tx_reference = (string?)null, status = 4 });
            }
            var reference = Interlocked.Increment(ref _nextReference);
            var transaction = new Transaction(reference.ToString(CultureInfo.InvariantCulture), identifier, value, network!, phone);
            // PayGate's reference comes as a number here, as a string in the status API.
            return _transactions.TryAdd(identifier, transaction)
                ? Results.Json(new { tx_reference = reference, status = 0 })
                : Results.Json(new { tx_reference = (string?)null, status = 6 });
        });
        app.MapPost(StatusPath, async (HttpRequest request) =>
        {
            if (await LoopbackServer.ReadJsonAsync(request) is not { } json)
            {
                return Results.BadRequest();
            }
            if (LoopbackServer.Text(json, "auth_token") != AuthToken)
            {
                return Results.Json(new { error = "auth_token invalide" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            if (!_transactions.TryGetValue(LoopbackServer.Text(json, "identifier") ?? "", out var transaction))
            {
                return Results.Json(new { error = "transaction inconnue" }, statusCode: StatusCodes.Status404NotFound);
            }
            return Results.Json(new
            {
                tx_reference = transaction.TxReference,
                identifier = transaction.Identifier,
                payment_reference = transaction.PaymentReference,
                status = transaction.Status,
                datetime = "2026-01-15 10:42:00",
                payment_method = transaction.Network == "FLOOZ" ? "FLOOZ" : "T-Money",
            });
        });
    }

    public sealed class Transaction(string txReference, string identifier, long amount, string network, string phoneNumber)
    {
        public string TxReference { get; } = txReference;
        public string Identifier { get; } = identifier;
        public long Amount { get; } = amount;
        public string Network { get; } = network;
        public string PhoneNumber { get; } = phoneNumber;

        /// <summary>2 (pending) until the payer does something.</summary>
        public int Status { get; set; } = 2;

        public string? PaymentReference { get; set; }
    }
}
