using ServicePublic.Web.Domain.Payments;

namespace ServicePublic.Web.Features.Payments;

/// <summary>French names of payment statuses and methods (translated in the views with L[...]).</summary>
public static class PaymentLabels
{
    public static string Status(PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => "en cours",
        PaymentStatus.Succeeded => "réussi",
        PaymentStatus.Failed => "échoué",
        PaymentStatus.Cancelled => "annulé",
        PaymentStatus.Expired => "expiré",
        PaymentStatus.Refunded => "remboursé",
        _ => status.ToString(),
    };

    public static string Method(PaymentMethod method) => method switch
    {
        PaymentMethod.TMoney => "T-Money (Togocel)",
        PaymentMethod.Flooz => "Flooz (Moov Africa)",
        _ => "Carte bancaire",
    };
}
