using ServicePublic.Web.Features.Shared;

namespace ServicePublic.Web.Features.BackOffice;

public static class BackOfficePaths
{
    public const string Queue = "/agent";
    public const string QueueCsv = "/agent/demandes.csv";
    public const string Batch = "/agent/lot";

    public static string Case(string trackingNumber) => $"/agent/demandes/{PathSegment.Of(trackingNumber)}";

    public static string Attachment(string trackingNumber, Guid attachmentId) => $"{Case(trackingNumber)}/documents/{attachmentId}";
}
