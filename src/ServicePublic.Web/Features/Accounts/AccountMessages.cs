using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>The emails and SMS of the account journeys, queued in the outbox.</summary>
public sealed partial class AccountMessages(Outbox outbox)
{
    public void ConfirmEmail(string email, string name, string link) => outbox.Email(email,
        "Confirmez votre adresse e-mail – ServicePublic",
        $"""
        Bonjour {name},

        Pour activer votre compte ServicePublic, confirmez votre adresse e-mail en ouvrant ce lien :
        {link}

        Ce lien est valable 2 heures. Si vous n'avez pas créé de compte, ignorez ce message.
        """);

    public void AlreadyRegistered(string email, string signInLink, string resetLink) => outbox.Email(email,
        "Tentative d'inscription avec votre adresse – ServicePublic",
        $"""
        Bonjour,

        Quelqu'un (peut-être vous) a voulu créer un compte ServicePublic avec cette adresse, qui a déjà un compte.
        Pour vous connecter : {signInLink}
        Mot de passe oublié : {resetLink}

        Si ce n'était pas vous, ignorez ce message : votre compte n'a pas changé.
        """);

    public void PhoneCode(string phone, string code) =>
        outbox.Sms(phone, SmsTexts.PhoneCode(code, SmsCodes.LifetimeMinutes));

    public void SignInCode(string phone, string code) =>
        outbox.Sms(phone, SmsTexts.SignInCode(code, SmsCodes.LifetimeMinutes));

    public void EnrolmentCodeBySms(string phone, string code) =>
        outbox.Sms(phone, SmsTexts.EnrolmentCode(code, SmsCodes.LifetimeMinutes));

    public void EnrolmentCodeByEmail(string email, string code) => outbox.Email(email,
        "Code d'activation de la double authentification – ServicePublic",
        $"""
        Bonjour,

        Votre code pour activer la double authentification de votre compte ServicePublic est : {code}
        Ne le communiquez à personne. Si ce n'est pas vous qui l'avez demandé, changez tout de suite votre mot de passe.
        """);

    public void ResetPassword(string email, string link) => outbox.Email(email,
        "Réinitialisation de votre mot de passe – ServicePublic",
        $"""
        Bonjour,

        Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 2 heures, une seule fois) :
        {link}

        Si vous n'avez rien demandé, ignorez ce message : votre mot de passe n'a pas changé.
        """);

    public void ConfirmNewEmail(string email, string link) => outbox.Email(email,
        "Confirmez votre nouvelle adresse e-mail – ServicePublic",
        $"""
        Bonjour,

        Pour utiliser cette adresse avec votre compte ServicePublic, ouvrez ce lien (valable 2 heures) :
        {link}
        """);

    public void PasswordChanged(string email) => outbox.Email(email,
        "Votre mot de passe a été modifié – ServicePublic",
        """
        Bonjour,

        Le mot de passe de votre compte ServicePublic vient d'être modifié ; les autres sessions ont été fermées.
        Si ce n'était pas vous, réinitialisez-le tout de suite depuis la page de connexion.
        """);

    /// <summary>Tells the address that was on the account that something changed, so a stranger's change does not go unseen.</summary>
    public void FactorChangedByEmail(string email, string change) => outbox.Email(email,
        "Votre compte a été modifié – ServicePublic",
        $"""
        Bonjour,

        {change}
        Si ce n'est pas vous, réinitialisez tout de suite votre mot de passe depuis la page de connexion et contactez l'assistance.
        """);

    public void PhoneChangedBySms(string oldPhone) =>
        outbox.Sms(oldPhone, SmsTexts.PhoneChanged);

    public void Invitation(string email, string businessName, string inviterName, string link) => outbox.Email(email,
        $"Invitation à représenter {businessName} – ServicePublic",
        $"""
        Bonjour,

        {inviterName} vous invite à représenter l'entreprise {businessName} sur ServicePublic.
        Pour accepter, connectez-vous avec cette adresse e-mail et ouvrez ce lien (valable 7 jours) :
        {link}
        """);
}
