namespace ServicePublic.Web.Features.Requests;

/// <summary>The addresses of an applicant's requests: starting, drafts, follow-up, tracking without an account.</summary>
public static class RequestPaths
{
    public const string Mine = "/demandes";
    public const string Tracking = "/suivi";

    public static string MineWithStatus(string statusSlug) => Mine + PathSegment.Query(("statut", statusSlug));

    public static string Start(string procedureSlug) => $"/demarches/{PathSegment.Of(procedureSlug)}/demarrer";

    public static string Draft(Guid id) => $"/demandes/brouillons/{id}";

    public static string Details(string trackingNumber) => $"/demandes/{PathSegment.Of(trackingNumber)}";

    /// <summary>A draft has no tracking number yet: its page is the form.</summary>
    public static string Of(Guid id, string? trackingNumber) => trackingNumber is null ? Draft(id) : Details(trackingNumber);

    /// <summary>The request's page, scrolled to its messages.</summary>
    public static string DetailsAtMessages(string trackingNumber) => Details(trackingNumber) + "#messages";

    public static string Messages(string trackingNumber) => Details(trackingNumber) + "/messages";

    public static string MessageDocument(string trackingNumber, Guid messageId) => $"{Messages(trackingNumber)}/{messageId}/document";

    public static string Attachment(string trackingNumber, Guid attachmentId) => $"{Details(trackingNumber)}/documents/{attachmentId}";

    public static string Withdraw(string trackingNumber) => Details(trackingNumber) + "/retirer";
}
