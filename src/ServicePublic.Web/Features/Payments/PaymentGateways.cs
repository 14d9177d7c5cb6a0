namespace ServicePublic.Web.Features.Payments;

public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>The provider collecting T-Money and Flooz: "paygate" or "sandbox".</summary>
    public string MobileMoney { get; set; } = "sandbox";

    /// <summary>The provider collecting card payments: "cinetpay" or "sandbox".</summary>
    public string Card { get; set; } = "sandbox";

    /// <summary>A payment pending this long is checked with its provider (its callback may be lost).</summary>
    public int CheckAfterMinutes { get; set; } = 5;

    /// <summary>A payment still pending after this long expires: the applicant can try again.</summary>
    public int ExpireAfterHours { get; set; } = 24;

    public bool ReconciliationEnabled { get; set; } = true;
    public int ReconciliationPollSeconds { get; set; } = 60;
    public int ReconciliationBatchSize { get; set; } = 20;
}

/// <summary>The providers this portal is configured with, and which one serves each payment method.</summary>
public sealed class PaymentGateways(IEnumerable<IPaymentGateway> gateways, IOptions<PaymentOptions> options)
{
    private readonly Dictionary<string, IPaymentGateway> _byName = gateways.ToDictionary(g => g.Name, StringComparer.Ordinal);

    public IPaymentGateway? ByName(string name) => _byName.GetValueOrDefault(name);

    public IPaymentGateway? For(PaymentMethod method) =>
        ByName(method == PaymentMethod.Card ? options.Value.Card : options.Value.MobileMoney);

    /// <summary>The methods a payer can choose here: those whose provider is configured.</summary>
    public IReadOnlyList<PaymentMethod> Methods =>
        [.. Enum.GetValues<PaymentMethod>().Where(m => For(m) is not null)];
}
