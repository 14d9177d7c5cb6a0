using ServicePublic.Web.Domain.Payments;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>How payment methods and statuses are named in addresses, on the ledger and in its CSV (French; the views translate).</summary>
public static class PaymentLabels
{
    public static string Slug(PaymentMethod method) => method switch
    {
        PaymentMethod.TMoney => "tmoney",
        PaymentMethod.Flooz => "flooz",
        _ => "carte",
    };

    public static PaymentMethod? FromSlug(string? slug) =>
        Enum.GetValues<PaymentMethod>().Where(m => Slug(m) == slug).Select(m => (PaymentMethod?)m).FirstOrDefault();

    public static string Of(PaymentMethod method) => method switch
    {
        PaymentMethod.TMoney => "T-Money",
        PaymentMethod.Flooz => "Flooz",
        _ => "Carte bancaire",
    };

    public static string Of(PaymentStatus status) => status switch
    {
        PaymentStatus.Succeeded => "Encaissé",
        PaymentStatus.Refunded => "Remboursé",
        PaymentStatus.Failed => "Échoué",
        PaymentStatus.Cancelled => "Annulé",
        PaymentStatus.Expired => "Expiré",
        _ => "Non confirmé",
    };
}
