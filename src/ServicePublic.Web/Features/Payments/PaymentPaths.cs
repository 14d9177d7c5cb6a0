using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Payments;

public static class PaymentPaths
{
    public static string Pay(string trackingNumber) => RequestPaths.Details(trackingNumber) + "/paiement";

    /// <summary>Where a provider's checkout sends the payer back: the page checks the payment at once.</summary>
    public static string Returned(string trackingNumber) => Pay(trackingNumber) + "?retour=true";

    public static string Cancel(string trackingNumber) => Pay(trackingNumber) + "/annuler";

    public static string Check(string trackingNumber) => Pay(trackingNumber) + "/verifier";

    public static string Receipt(string receiptNumber) => $"/recus/{PathSegment.Of(receiptNumber)}";

    /// <summary>The receipt with the code its QR carries: anyone can check it is genuine.</summary>
    public static string ReceiptCheck(string receiptNumber, string code) => Receipt(receiptNumber) + PathSegment.Query(("code", code));

    public static string Notification(string provider) => $"/api/paiements/{PathSegment.Of(provider)}/notification";

    /// <summary>The sandbox's own checkout page for one of its transactions ("SBX-…").</summary>
    public static string SandboxCheckout(string transactionId) => $"/sandbox/paiement/{PathSegment.Of(transactionId)}";
}
