namespace ServicePublic.Web.Features.Supervision;

public static class SupervisionPaths
{
    /// <summary>The supervision room: the nation (administrators), a ministry, an office, a procedure (<see cref="RoomScope.Query"/>).</summary>
    public const string Room = "/supervision";

    /// <summary>The same room made for a TV on the wall: large type, no personal data.</summary>
    public const string Wall = "/supervision/mur";

    /// <summary>Server-Sent Events of the changes in a scope, for the room and the wall.</summary>
    public const string Stream = "/supervision/flux";

    /// <summary>Target delays, programmes and indicators (results-based management).</summary>
    public const string Targets = "/supervision/objectifs";

    public static string RoomOf(RoomScope scope) => Room + scope.Query;

    public static string WallOf(RoomScope scope) => Wall + scope.Query;

    public static string StreamOf(RoomScope scope) => Stream + scope.Query;

    public const string Payments = "/supervision/paiements";
    public const string PaymentsCsv = "/supervision/paiements.csv";

    /// <summary>The current month's payments, of the ministry an administrator chose (none: a supervisor's own).</summary>
    public static string PaymentsOf(string? ministry) => Payments + PathSegment.Query(("ministere", ministry));

    public static string Document(string number) => $"/supervision/documents/{PathSegment.Of(number)}";

    public static string Revoke(string number) => Document(number) + "/revoquer";
}
