namespace ServicePublic.Web.Features.Supervision;

public static class SupervisionPaths
{
    public const string Payments = "/supervision/paiements";
    public const string PaymentsCsv = "/supervision/paiements.csv";

    /// <summary>The current month's payments, of the ministry an administrator chose (none: a supervisor's own).</summary>
    public static string PaymentsOf(string? ministry) => Payments + PathSegment.Query(("ministere", ministry));

    public static string Document(string number) => $"/supervision/documents/{PathSegment.Of(number)}";

    public static string Revoke(string number) => Document(number) + "/revoquer";
}
