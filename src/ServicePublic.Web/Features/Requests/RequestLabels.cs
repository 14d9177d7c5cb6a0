namespace ServicePublic.Web.Features.Requests;

/// <summary>How statuses read for applicants (French keys, translated by the views).</summary>
public static class RequestLabels
{
    public static string Status(RequestStatus status) => status switch
    {
        RequestStatus.Draft => "Brouillon",
        RequestStatus.AwaitingPayment => "En attente de paiement",
        RequestStatus.Submitted => "Déposée",
        RequestStatus.InReview => "En cours d'instruction",
        RequestStatus.AwaitingApplicant => "Complément demandé",
        RequestStatus.Approved => "Acceptée",
        RequestStatus.Rejected => "Refusée",
        RequestStatus.Withdrawn => "Retirée",
        _ => status.ToString(),
    };

    /// <summary>The status filter's values in addresses (/demandes?statut=…).</summary>
    public static readonly IReadOnlyDictionary<string, RequestStatus> Slugs = new Dictionary<string, RequestStatus>
    {
        ["brouillon"] = RequestStatus.Draft,
        ["paiement"] = RequestStatus.AwaitingPayment,
        ["deposee"] = RequestStatus.Submitted,
        ["instruction"] = RequestStatus.InReview,
        ["complement"] = RequestStatus.AwaitingApplicant,
        ["acceptee"] = RequestStatus.Approved,
        ["refusee"] = RequestStatus.Rejected,
        ["retiree"] = RequestStatus.Withdrawn,
    };
}
