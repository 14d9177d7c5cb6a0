using System.Globalization;

namespace ServicePublic.Web.Features.Administration;

public static class AdministrationPaths
{
    public const string Home = "/admin";
    public const string Journal = "/admin/journal";
    public const string JournalVerify = "/admin/journal/verifier";
    public const string Users = "/admin/utilisateurs";

    public static string User(string id) => $"{Users}/{PathSegment.Of(id)}";

    /// <summary>A page of the accounts found by a search (none: all accounts).</summary>
    public static string UsersSearch(string? query, int page) => Users + PathSegment.Query(("q", query), ("page", Number(page)));

    /// <summary>A page of the journal, filtered by action and subject when they are set.</summary>
    public static string JournalSearch(string? action, string? subject, int page) =>
        Journal + PathSegment.Query(("type", action), ("sujet", subject), ("page", Number(page)));

    private static string Number(int page) => page.ToString(CultureInfo.InvariantCulture);
}
