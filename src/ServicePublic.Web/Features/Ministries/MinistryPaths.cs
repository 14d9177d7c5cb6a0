namespace ServicePublic.Web.Features.Ministries;

public static class MinistryPaths
{
    public const string All = "/ministeres";

    public static string Ministry(string code) => $"/ministeres/{PathSegment.Of(code)}";
}
