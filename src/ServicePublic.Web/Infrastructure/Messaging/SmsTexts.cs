namespace ServicePublic.Web.Infrastructure.Messaging;

/// <summary>
/// Every SMS the portal sends, in one place, so that one test proves each fits one GSM-7 SMS of
/// 160 characters at its longest (<c>SmsTextsTests</c>). The outbox folds them to GSM-7
/// (<see cref="Gsm7.Fold"/>); they are written in plain French, accents included.
/// </summary>
public static class SmsTexts
{
    public static string PhoneCode(string code, int minutes) =>
        $"ServicePublic : votre code de confirmation est {code}. Il expire dans {minutes} minutes et ne sert qu'une fois. Ne le communiquez à personne.";

    public static string SignInCode(string code, int minutes) =>
        $"ServicePublic : votre code de connexion est {code}. Il expire dans {minutes} minutes et ne sert qu'une fois. Ne le communiquez à personne.";

    public static string EnrolmentCode(string code, int minutes) =>
        $"ServicePublic : votre code pour activer la double authentification est {code}. Il expire dans {minutes} minutes. Ne le communiquez à personne.";

    public const string PhoneChanged =
        "ServicePublic : le numéro de téléphone de votre compte vient d'être changé. Si ce n'est pas vous, réinitialisez votre mot de passe.";

    public const string LockedOut =
        "ServicePublic : après plusieurs mots de passe erronés, votre compte est bloqué 15 minutes. Si ce n'est pas vous, personne n'y est entré.";

    public static string Filed(string trackingNumber, string checkCode) =>
        $"ServicePublic : demande {trackingNumber} déposée. Code de contrôle {checkCode}.";

    public static string StatusChanged(string trackingNumber, string status) =>
        $"ServicePublic : demande {trackingNumber} — {status}.";

    public static string OfficeMessage(string trackingNumber) =>
        $"ServicePublic : nouveau message du service sur votre demande {trackingNumber}.";

    public static string PaymentReceived(string amount, string receiptNumber, string trackingNumber, string checkCode) =>
        $"ServicePublic : paiement de {amount} reçu (reçu {receiptNumber}). Demande {trackingNumber} déposée, code de contrôle {checkCode}.";

    /// <summary>The longest place name an appointment SMS carries: longer ones are cut (the email has the full address).</summary>
    public const int PlaceInSms = 40;

    public static string AppointmentBooked(string when, string place, string code, string trackingNumber) =>
        $"ServicePublic : RDV le {when}, {Short(place)}. Code {code}. Demande {trackingNumber}. Détails sur le portail.";

    public static string AppointmentReminder(string when, string place, string code, string trackingNumber) =>
        $"ServicePublic : rappel, RDV le {when}, {Short(place)}. Code {code}. Demande {trackingNumber}. Apportez les originaux.";

    public static string AppointmentAnswer(string when, string place, string code, string trackingNumber) =>
        $"ServicePublic {trackingNumber} : RDV le {when}, {Short(place)}. Code {code}. Apportez les originaux.";

    public static string AppointmentCancelled(string when, string trackingNumber) =>
        $"ServicePublic : votre RDV du {when} (demande {trackingNumber}) est annulé. Reprenez-en un sur le portail si besoin.";

    public static string EarlierSlot(string when, string place, string trackingNumber) =>
        $"ServicePublic : place libre le {when} ({Short(place)}). Avancez votre RDV {trackingNumber} en le déplaçant sur le portail.";

    public static string InvitedToBook(string trackingNumber) =>
        $"ServicePublic : votre demande {trackingNumber} est prête pour le passage au guichet. Prenez rendez-vous sur le portail.";

    /// <summary>"12/12 à 08h30": the date of an appointment as an SMS says it (Lomé time, which is UTC).</summary>
    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("dd/MM 'à' HH'h'mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Short(string place) => Gsm7.Cut(place, PlaceInSms);
}
