namespace ServicePublic.Web.Features.Development;

public static class DevelopmentPaths
{
    public const string Messages = "/dev/messages";
}
