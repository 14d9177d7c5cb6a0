namespace ServicePublic.Web.Features.Accounts;

/// <summary>The addresses of the account pages: sign-up, sign-in, profile, factors, password.</summary>
public static class AccountPaths
{
    public const string Account = "/compte";
    public const string SignUp = "/compte/inscription";
    public const string SignUpPhone = "/compte/inscription/telephone";
    public const string SignIn = "/compte/connexion";
    public const string SignInTwoFactor = "/compte/connexion/deux-facteurs";
    public const string SignInSms = "/compte/connexion/sms";
    public const string SignInSmsCode = "/compte/connexion/sms/code";
    public const string SignOut = "/compte/deconnexion";
    public const string AccessDenied = "/compte/acces-refuse";
    public const string ActFor = "/compte/agir-pour";
    public const string Profile = "/compte/profil";
    public const string MyData = "/compte/donnees";
    public const string Email = "/compte/email";
    public const string Phone = "/compte/telephone";
    public const string PhoneConfirm = "/compte/telephone/confirmer";
    public const string Password = "/compte/mot-de-passe";
    public const string ForgotPassword = "/compte/mot-de-passe-oublie";
    public const string TwoFactor = "/compte/double-authentification";
    public const string TwoFactorRecoveryCodes = "/compte/double-authentification/codes";
    public const string TwoFactorDisable = "/compte/double-authentification/desactiver";
    public const string TwoFactorReplace = "/compte/double-authentification/remplacer";
    public const string TwoFactorSendCode = "/compte/double-authentification/envoyer-code";
    public const string Close = "/compte/fermer";

    public static string SignInReturningTo(string? returnUrl) => SignIn + PathSegment.Query(("returnUrl", returnUrl));

    public static string SignInSmsReturningTo(string? returnUrl) => SignInSms + PathSegment.Query(("returnUrl", returnUrl));

    public static string ConfirmEmail(string userId, string code) =>
        "/compte/confirmer-email" + PathSegment.Query(("userId", userId), ("code", code));

    public static string ConfirmNewEmail(string email, string code) =>
        "/compte/email/confirmer" + PathSegment.Query(("email", email), ("code", code));

    public static string ResetPassword(string userId, string code) =>
        "/compte/reinitialiser-mot-de-passe" + PathSegment.Query(("userId", userId), ("code", code));
}
