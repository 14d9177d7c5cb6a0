using ServicePublic.Web.Features.Shared;

namespace ServicePublic.Web.Features.Administration;

public static class AdministrationPaths
{
    public const string Journal = "/admin/journal";
    public const string JournalVerify = "/admin/journal/verifier";
    public const string Users = "/admin/utilisateurs";

    public static string User(string id) => $"{Users}/{PathSegment.Of(id)}";
}
