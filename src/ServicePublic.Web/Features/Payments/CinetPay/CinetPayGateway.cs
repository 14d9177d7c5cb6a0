using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace ServicePublic.Web.Features.Payments.CinetPay;

public sealed class CinetPayOptions
{
    public const string Section = "Payments:CinetPay";

    public string BaseUrl { get; set; } = "https://api-checkout.cinetpay.com";

    /// <summary>The merchant's credentials, from configuration only, never in code.</summary>
    public string? ApiKey { get; set; }

    public string? SiteId { get; set; }

    /// <summary>Signs notifications (x-token).</summary>
    public string? SecretKey { get; set; }

    public int TimeoutSeconds { get; set; } = 20;
}

/// <summary>
/// CinetPay, for card payments: the payer pays on CinetPay's checkout page. A notification is
/// believed only when its x-token is right, and even then its outcome is asked of CinetPay's
/// check API, as CinetPay recommends: the notification's own fields are not the report.
/// </summary>
public sealed class CinetPayGateway(HttpClient http, IOptions<CinetPayOptions> options, ILogger<CinetPayGateway> logger) : IPaymentGateway
{
    public const string ProviderName = "cinetpay";

    /// <summary>Codes of answers that blame our credentials, not the payer (from CinetPay's code table).</summary>
    private static readonly HashSet<string> CredentialCodes = ["609", "613"];

    public string Name => ProviderName;

    private CinetPayOptions Settings => options.Value;

    public async Task<GatewayStart> StartAsync(GatewayStartRequest request, CancellationToken ct)
    {
        var payment = request.Payment;
        if (payment.Amount % 5 != 0)
        {
            return GatewayStart.Refuse("Le paiement par carte exige un montant multiple de 5 FCFA : choisissez T-Money ou Flooz.");
        }
        var (firstNames, surname) = SplitName(request.PayerName);
        var order = new PaymentOrder(Settings.ApiKey ?? "", Settings.SiteId ?? "", payment.Id.ToString(), payment.Amount, "XOF",
            Plain(request.Description), request.NotificationUrl, ReturnUrl(request), "CREDIT_CARD", "fr",
            payment.PayerId, firstNames, surname, request.PayerEmail, payment.PhoneNumber,
            // CinetPay wants an address for card payments; the portal does not ask for one, and Togo has no postcodes.
            "Lomé", "Lomé", "TG", "TG", "00000");
        var answer = await http.PostJsonAsync<InitAnswer>(ProviderName, ProviderHttp.Endpoint(Settings.BaseUrl, "v2/payment"), order, ct);
        var body = answer.Body;
        if (body.Code == "201" && body.Data?.PaymentUrl is { Length: > 0 } checkoutUrl)
        {
            return GatewayStart.Accept(body.Data.PaymentToken, checkoutUrl);
        }
        if (body.Code is null)
        {
            throw new GatewayException($"CinetPay: unexpected answer to payment, HTTP {(int)answer.Status}");
        }
        if (CredentialCodes.Contains(body.Code))
        {
            logger.LogError("CinetPay refused payment {PaymentId}: {Code} {Message} (check Payments:CinetPay:ApiKey and SiteId)", payment.Id, body.Code, body.Message);
            throw new GatewayException($"CinetPay: credentials refused ({body.Code} {body.Message})");
        }
        logger.LogWarning("CinetPay refused payment {PaymentId}: {Code} {Message}", payment.Id, body.Code, body.Message);
        return GatewayStart.Refuse($"CinetPay n'a pas pu préparer le paiement par carte (code {body.Code}). Réessayez dans quelques minutes, ou choisissez T-Money ou Flooz.");
    }

    public Guid? NamedPayment(IncomingCallback callback) =>
        Guid.TryParse(Form(callback).GetValueOrDefault("cpm_trans_id"), out var id) ? id : null;

    public async Task<CallbackReading> ReadCallbackAsync(IncomingCallback callback, CancellationToken ct)
    {
        var form = Form(callback);
        var token = callback.Headers.FirstOrDefault(h => h.Key.Equals(CinetPaySignature.Header, StringComparison.OrdinalIgnoreCase)).Value;
        if (CinetPaySignature.Check(Settings.SecretKey ?? "", form, token) is { } problem)
        {
            return CallbackReading.Refused(problem);
        }
        if (form.GetValueOrDefault("cpm_site_id") != Settings.SiteId)
        {
            return CallbackReading.Refused("site CinetPay inconnu");
        }
        return await ProviderAdapters.AskAboutAsync(form.GetValueOrDefault("cpm_trans_id"), CheckAsync, ct);
    }

    private static Dictionary<string, string> Form(IncomingCallback callback) =>
        QueryHelpers.ParseQuery(callback.Body).ToDictionary(f => f.Key, f => f.Value.LastOrDefault() ?? "", StringComparer.Ordinal);

    public Task<ProviderReport> CheckAsync(Payment payment, CancellationToken ct) => CheckAsync(payment.Id, ct);

    public Task<GatewayRefund> RefundAsync(Payment payment, CancellationToken ct) => ProviderAdapters.ManualRefund("CinetPay",
        $"Demander le remboursement de {payment.Amount} FCFA (transaction {payment.Id}) depuis l'espace marchand CinetPay.");

    /// <summary>Where CinetPay says the payment stands (POST /v2/payment/check, by our transaction id).</summary>
    private async Task<ProviderReport> CheckAsync(Guid paymentId, CancellationToken ct)
    {
        var answer = await http.PostJsonAsync<CheckAnswer>(ProviderName, ProviderHttp.Endpoint(Settings.BaseUrl, "v2/payment/check"),
            new CheckQuery(Settings.ApiKey ?? "", Settings.SiteId ?? "", paymentId.ToString()), ct);
        var body = answer.Body;
        if (body.Data?.Status is not { Length: > 0 } status)
        {
            throw new GatewayException($"CinetPay: no status for {paymentId} (code {body.Code ?? "absent"} {body.Message}, HTTP {(int)answer.Status})");
        }
        long? amount = long.TryParse(body.Data.Amount, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var operatorId = string.IsNullOrWhiteSpace(body.Data.OperatorId) ? null : body.Data.OperatorId;
        return status switch
        {
            "ACCEPTED" => new ProviderReport(ProviderOutcome.Paid, amount, null, operatorId),
            // 627 TRANSACTION_CANCEL: the payer gave up on the checkout page.
            "REFUSED" when body.Code == "627" => new ProviderReport(ProviderOutcome.Cancelled, amount, null, operatorId, "Paiement annulé sur la page CinetPay"),
            "REFUSED" => new ProviderReport(ProviderOutcome.Failed, amount, null, operatorId, $"Paiement refusé par CinetPay ({body.Message})"),
            // WAITING_FOR_CUSTOMER and the like: nothing is settled yet.
            _ => new ProviderReport(ProviderOutcome.Pending, amount, null, operatorId),
        };
    }

    /// <summary>
    /// CinetPay brings the payer back with a POST (token, transaction_id), which the payment page
    /// cannot take: it comes back through <see cref="CinetPayReturnController"/>, which sends the payer on.
    /// </summary>
    private static string ReturnUrl(GatewayStartRequest request) =>
        new Uri(new Uri(request.NotificationUrl), CinetPayReturnController.Path(request.Payment.Id)).ToString();

    /// <summary>CinetPay's docs ask for descriptions without # / $ _ &amp;.</summary>
    private static string Plain(string description) =>
        new(description.Select(c => c is '#' or '/' or '$' or '_' or '&' ? ' ' : c).ToArray());

    /// <summary>"Afi Akossiwa Mensah" → ("Afi Akossiwa", "Mensah").</summary>
    private static (string FirstNames, string Surname) SplitName(string fullName)
    {
        var name = fullName.Trim();
        var space = name.LastIndexOf(' ');
        return space < 0 ? (name, name) : (name[..space].Trim(), name[(space + 1)..]);
    }

    private sealed record PaymentOrder(
        string Apikey, string SiteId, string TransactionId, long Amount, string Currency, string Description,
        string NotifyUrl, string ReturnUrl, string Channels, string Lang,
        string CustomerId, string CustomerName, string CustomerSurname, string? CustomerEmail, string? CustomerPhoneNumber,
        string CustomerAddress, string CustomerCity, string CustomerCountry, string CustomerState, string CustomerZipCode);

    private sealed record InitAnswer(string? Code, string? Message, InitData? Data);

    private sealed record InitData(string? PaymentToken, string? PaymentUrl);

    private sealed record CheckQuery(string Apikey, string SiteId, string TransactionId);

    private sealed record CheckAnswer(string? Code, string? Message, CheckData? Data);

    private sealed record CheckData(string? Amount, string? Status, string? OperatorId);
}
