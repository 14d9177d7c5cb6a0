namespace ServicePublic.Web.Features.Language;

public static class LanguagePaths
{
    public const string Switch = "/langue";
}
