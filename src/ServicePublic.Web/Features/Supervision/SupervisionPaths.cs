using System.Globalization;

namespace ServicePublic.Web.Features.Supervision;

public static class SupervisionPaths
{
    /// <summary>The supervision room: the nation (administrators), a ministry, an office, a procedure (<see cref="RoomScope.Query"/>).</summary>
    public const string Room = "/supervision";

    /// <summary>The same room made for a TV on the wall: large type, no personal data.</summary>
    public const string Wall = "/supervision/mur";

    /// <summary>Server-Sent Events of the changes in a scope, for the room and the wall.</summary>
    public const string Stream = "/supervision/flux";

    public static string RoomOf(RoomScope scope) => Room + scope.Query;

    public static string WallOf(RoomScope scope) => Wall + scope.Query;

    /// <summary>The stream of a room (<paramref name="wall"/>: of its wall screen, whose live part never names a clerk).</summary>
    public static string StreamOf(RoomScope scope, bool wall = false) => wall ? With(Stream + scope.Query, "vue=" + WallView) : Stream + scope.Query;

    /// <summary>The stream's <c>vue</c> for a wall screen.</summary>
    public const string WallView = "mur";

    /// <summary>The live part of the room alone (<c>fragment=1</c>), as a live screen fetches it.</summary>
    public static string RoomFragmentOf(RoomScope scope) => Fragment(RoomOf(scope));

    public static string WallFragmentOf(RoomScope scope) => Fragment(WallOf(scope));

    private static string Fragment(string page) => With(page, "fragment=1");

    private static string With(string url, string parameter) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameter;

    public const string Payments = "/supervision/paiements";
    public const string PaymentsCsv = "/supervision/paiements.csv";

    /// <summary>The current month's payments, of the ministry an administrator chose (none: a supervisor's own).</summary>
    public static string PaymentsOf(string? ministry) => Payments + PathSegment.Query(("ministere", ministry));

    /// <summary>A ministry's payments from one day to another (included), of one procedure or all.</summary>
    public static string PaymentsOf(string? ministry, DateOnly from, DateOnly to, string? procedure) => Payments + PathSegment.Query(
        ("ministere", ministry), ("du", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("au", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("demarche", procedure));

    public static string Document(string number) => $"/supervision/documents/{PathSegment.Of(number)}";

    public static string Revoke(string number) => Document(number) + "/revoquer";

    /// <summary>A ministry's target delays, programmes and indicators (an administrator without a choice: every ministry side by side).</summary>
    public const string Targets = "/supervision/objectifs";

    public static string TargetsOf(string? ministry) => Targets + PathSegment.Query(("ministere", ministry));

    /// <summary>The form that edits one indicator's baseline and yearly targets.</summary>
    public static string TargetIndicator(int id) => $"{Targets}/indicateurs/{id}";

    /// <summary>Where a procedure's target delay is posted.</summary>
    public static string TargetDelay(string slug) => $"{Targets}/demarches/{PathSegment.Of(slug)}/delai";
}
