using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>Identity's messages, in the visitor's language. None says whether an account exists.</summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["Le mot de passe doit comporter au moins {0} caractères.", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), l["Le mot de passe doit comporter au moins {0} caractères différents.", uniqueChars]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["Le mot de passe actuel est incorrect."]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), l["Ce lien ou ce code n'est plus valable. Demandez-en un nouveau."]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["L'adresse e-mail n'est pas valide."]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["Cette adresse e-mail ne peut pas être utilisée."]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["Cette adresse e-mail ne peut pas être utilisée."]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), l["L'adresse e-mail n'est pas valide."]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), l["Votre compte a été modifié entre-temps. Rechargez la page et recommencez."]);
    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["L'opération n'a pas pu aboutir. Réessayez."]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), l["Ce code de récupération n'est pas valable."]);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), l["L'opération n'a pas pu aboutir. Réessayez."]);
}
