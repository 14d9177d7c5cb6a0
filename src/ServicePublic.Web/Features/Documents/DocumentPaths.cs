using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Documents;

public static class DocumentPaths
{
    public const string Verify = "/verifier";
    public const string PublicKey = "/verifier/cle-publique";

    public static string Document(string trackingNumber) => RequestPaths.Details(trackingNumber) + "/document";

    public static string DocumentPdf(string trackingNumber) => RequestPaths.Details(trackingNumber) + "/document.pdf";

    public static string Verification(string code) => $"{Verify}/{PathSegment.Of(code)}";

    /// <summary>What the signed QR code holds: the verification page with the signed payload.</summary>
    public static string SignedVerification(string code, string payload) => Verification(code) + PathSegment.Query(("p", payload));
}
