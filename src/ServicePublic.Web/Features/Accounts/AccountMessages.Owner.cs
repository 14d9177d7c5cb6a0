using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>
/// What the owner of an account is told, through their own channel, when someone tries it: the
/// page that someone sees says nothing about the account, so the owner hears of it here.
/// </summary>
public sealed partial class AccountMessages
{
    /// <summary>Sent once, when the lock begins: to the confirmed email, else the confirmed phone.</summary>
    public void LockedOut(ApplicationUser user, string resetLink)
    {
        if (user.EmailConfirmed && user.Email is not null)
        {
            outbox.Email(user.Email, "Votre compte est bloqué pour 15 minutes – ServicePublic",
                $"""
                Bonjour,

                Plusieurs mots de passe erronés ont été saisis pour votre compte ServicePublic : il est bloqué pendant 15 minutes, puis se débloque de lui-même.
                Si c'était vous, réessayez plus tard, ou choisissez un nouveau mot de passe : {resetLink}
                Si ce n'était pas vous, personne n'est entré dans votre compte ; un nouveau mot de passe, long et que vous seul connaissez, le protège davantage.
                """);
        }
        else if (user.PhoneNumberConfirmed && user.PhoneNumber is not null)
        {
            outbox.Sms(user.PhoneNumber, SmsTexts.LockedOut);
        }
    }
}
