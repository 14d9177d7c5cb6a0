using ServicePublic.Web.Features.Shared;

namespace ServicePublic.Web.Features.Supervision;

public static class SupervisionPaths
{
    public const string Payments = "/supervision/paiements";
    public const string PaymentsCsv = "/supervision/paiements.csv";

    public static string Document(string number) => $"/supervision/documents/{PathSegment.Of(number)}";

    public static string Revoke(string number) => Document(number) + "/revoquer";
}
