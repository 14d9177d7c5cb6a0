namespace ServicePublic.Web.Features.BackOffice;

public static class BackOfficePaths
{
    public const string Queue = "/agent";
    public const string QueueCsv = "/agent/demandes.csv";
    public const string Batch = "/agent/lot";

    /// <summary>The queue with a <see cref="QueueFilter.Query"/> ("statut=…&amp;page=2"); no "?" when it is empty.</summary>
    public static string QueueFiltered(string query) => query.Length == 0 ? Queue : $"{Queue}?{query}";

    /// <summary>The batch form's address, in the same ministry and office as the queue it is posted from.</summary>
    public static string BatchWithin(QueueFilter filter) =>
        Batch + PathSegment.Query((BackOfficeScope.MinistryParameter, filter.Ministere), (BackOfficeScope.OfficeParameter, filter.Bureau));

    public static string QueueCsvFiltered(string query) => query.Length == 0 ? QueueCsv : $"{QueueCsv}?{query}";

    public static string Case(string trackingNumber) => $"/agent/demandes/{PathSegment.Of(trackingNumber)}";

    public static string Attachment(string trackingNumber, Guid attachmentId) => $"{Case(trackingNumber)}/documents/{attachmentId}";

    /// <summary>The same document, as a download instead of shown in the browser.</summary>
    public static string AttachmentDownload(string trackingNumber, Guid attachmentId) => Attachment(trackingNumber, attachmentId) + "?telecharger=true";
}
