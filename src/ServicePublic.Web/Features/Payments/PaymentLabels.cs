namespace ServicePublic.Web.Features.Payments;

/// <summary>How payment methods and statuses are named: in addresses and forms (slugs), to payers, on the ledger and in its CSV (French; the views translate).</summary>
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

    public static string Method(PaymentMethod method) => method switch
    {
        PaymentMethod.TMoney => "T-Money (Togocel)",
        PaymentMethod.Flooz => "Flooz (Moov Africa)",
        _ => "Carte bancaire",
    };

    /// <summary>As a payer reads it, after an earlier attempt.</summary>
    public static string Status(PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => "en attente",
        PaymentStatus.Succeeded => "réussi",
        PaymentStatus.Failed => "échoué",
        PaymentStatus.Cancelled => "annulé",
        PaymentStatus.Expired => "expiré",
        PaymentStatus.Refunded => "remboursé",
        _ => status.ToString(),
    };

    /// <summary>As a finance office reads it, on the ledger and in its CSV.</summary>
    public static string LedgerStatus(PaymentStatus status) => status switch
    {
        PaymentStatus.Succeeded => "Encaissé",
        PaymentStatus.Refunded => "Remboursé",
        PaymentStatus.Failed => "Échoué",
        PaymentStatus.Cancelled => "Annulé",
        PaymentStatus.Expired => "Expiré",
        _ => "Non confirmé",
    };
}
