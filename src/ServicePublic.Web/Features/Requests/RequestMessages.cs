using ServicePublic.Web.Features.Messaging;

namespace ServicePublic.Web.Features.Requests;

/// <summary>Emails about requests, queued in the outbox with the change they announce.</summary>
public static class RequestMessages
{
    public static void Submitted(Outbox outbox, string email, string procedure, string trackingNumber, string checkCode, string link) => outbox.Email(email,
        $"Demande {trackingNumber} déposée – ServicePublic",
        $"""
        Bonjour,

        Votre demande « {procedure} » est déposée.
        Numéro de suivi : {trackingNumber}
        Code de contrôle : {checkCode}

        Suivez-la ici : {link}
        ou sans compte sur la page Suivi, avec ce numéro et ce code.
        """);
}
