using System.Globalization;
using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.Web.Features.Telephone;

/// <summary>
/// What the portal answers a basic phone, in one SMS of at most 160 GSM-7 characters (and a USSD
/// screen of at most 182): the status, the last step's date and what to do next. Anything that
/// does not match a request of that number and code gets the same short "not found".
/// </summary>
public static class PhoneReplies
{
    public const int UssdScreenLength = 182;

    public const string NotFound = "ServicePublic: aucune demande ne correspond. Envoyez SUIVI, le numero de suivi et le code de controle du recu. Ex: SUIVI TG-2026-00001234 K7P2QX";

    public const string TooMany = "ServicePublic: trop de demandes depuis ce numero. Reessayez dans une heure.";

    /// <summary>"ServicePublic TG-2026-00001234 (Carte d'importateur): Deposee le 02/12/2026. Reponse prevue au plus tard le 17/12/2026."</summary>
    public static string Status(TrackingResult request)
    {
        var head = $"ServicePublic {request.TrackingNumber}";
        var rest = Gsm7.Fold($": {RequestLabels.Status(request.Status)} le {Day(request.UpdatedAt)}. {NextStep(request)}");
        // The procedure's name in what is left of the 160 characters, cut when it is long.
        var room = Gsm7.SingleSmsLength - head.Length - rest.Length - " ()".Length;
        var procedure = Gsm7.Fold(request.Procedure);
        var named = room < 10 ? "" : " (" + Gsm7.Cut(procedure, room) + ")";
        return head + named + rest;
    }

    /// <summary>"ServicePublic TG-…: RDV le 12/12 à 08h30, DGDN Lomé. Code K7P2QX…", or that it has none.</summary>
    public static string Appointment(TrackingResult request) => Gsm7.Fold(request.Appointment is { } appointment
        ? SmsTexts.AppointmentAnswer(SmsTexts.When(appointment.StartsAt), appointment.Place, appointment.Code, request.TrackingNumber)
        : $"ServicePublic {request.TrackingNumber}: aucun rendez-vous pour cette demande. Le service vous previendra si un passage au guichet est necessaire.");

    private static string NextStep(TrackingResult request) => request.Status switch
    {
        RequestStatus.Draft => "A faire: la deposer sur le portail.",
        RequestStatus.AwaitingPayment => "A faire: payer les frais sur le portail.",
        RequestStatus.Submitted or RequestStatus.InReview when request.DueAt is { } due => $"Reponse prevue au plus tard le {Day(due)}.",
        RequestStatus.Submitted or RequestStatus.InReview => "Rien a faire: le service l'instruit.",
        RequestStatus.AwaitingApplicant => "A faire: completer la demande sur le portail.",
        RequestStatus.Approved => "Document disponible sur le portail.",
        RequestStatus.Rejected => "Motif sur le portail.",
        _ => "Plus rien a faire.",
    };

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
