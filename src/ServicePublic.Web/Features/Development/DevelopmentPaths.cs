namespace ServicePublic.Web.Features.Development;

public static class DevelopmentPaths
{
    public const string Messages = "/dev/messages";

    /// <summary>Simulates an SMS's delivery receipt, as the aggregator would post it.</summary>
    public const string Receipt = "/dev/messages/accuse";
}
