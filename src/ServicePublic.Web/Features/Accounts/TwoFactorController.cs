using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>
/// Authenticator app (TOTP) enrolment with a QR code, recovery codes, replacing and turning it off.
/// Each of these asks for the current password, so an open session or an SMS code alone cannot change
/// the second factor; once enrolled, the key is never shown again.
/// </summary>
[Authorize]
public sealed class TwoFactorController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AppDbContext db,
    AccountMessages messages,
    SmsCodes smsCodes,
    AuditLog audit) : Controller
{
    /// <summary>Its own purpose, so an SMS sign-in code cannot be used to enrol.</summary>
    private const string EnrolmentPurpose = "EnrolAuthenticator";

    [HttpGet("/compte/double-authentification")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled)
        {
            return View("Enable", await EnrolmentAsync(user));
        }
        return await SettingsAsync(user);
    }

    [HttpPost("/compte/double-authentification")]
    public async Task<IActionResult> Enable(AuthenticatorForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            // Never show the key in use again, nor count this as a second factor.
            TempData["Notice"] = "La double authentification est déjà activée.";
            return Redirect(AccountPaths.TwoFactor);
        }
        if (!await this.ValidateFormAsync(form)
            || !await PasswordIsRightAsync(user, form)
            || (IsStaff() && !await SentCodeIsRightAsync(user, form)))
        {
            return View("Enable", await EnrolmentAsync(user));
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, form.Clean))
        {
            this.AddError(nameof(AuthenticatorForm.Code), "Ce code n'est pas valable. Vérifiez l'heure de votre téléphone et saisissez le code affiché maintenant.");
            return View("Enable", await EnrolmentAsync(user));
        }
        // The factor, its recovery codes, the notice and the audit entry: all or nothing.
        var codes = await audit.InTransactionAsync(async ct =>
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            var generated = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            TellTheHolder(user, "La double authentification de votre compte ServicePublic vient d'être activée.");
            await audit.RecordAsync(AuditActions.TwoFactorEnabled, user.Id, ct: ct);
            return generated;
        });
        // This session now counts as opened with a second factor.
        await signIn.SignInWithClaimsAsync(user, false, [SecondFactor.Claim()]);
        return View("RecoveryCodes", codes!.ToList());
    }

    /// <summary>Staff enrol with their password and a code sent to their confirmed phone (or else email).</summary>
    [HttpPost(AccountPaths.TwoFactorSendCode)]
    public async Task<IActionResult> SendEnrolmentCode()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled)
        {
            if (!ByEmail(user))
            {
                var code = await smsCodes.IssueAsync(SmsCodes.Enrolment, user.Id, user.PhoneNumber!);
                if (code is not null)
                {
                    messages.EnrolmentCodeBySms(user.PhoneNumber!, code);
                }
                TempData["Notice"] = code is not null
                    ? "Un code vous a été envoyé par SMS."
                    : "Aucun SMS n'a été envoyé : trop de codes demandés ou de codes erronés pour ce numéro. Réessayez plus tard.";
            }
            else
            {
                messages.EnrolmentCodeByEmail(user.Email!, await users.GenerateUserTokenAsync(user, TokenOptions.DefaultEmailProvider, EnrolmentPurpose));
                TempData["Notice"] = "Un code vous a été envoyé par e-mail.";
            }
            await db.SaveChangesAsync();
        }
        return Redirect(AccountPaths.TwoFactor);
    }

    [HttpPost("/compte/double-authentification/codes")]
    public async Task<IActionResult> NewRecoveryCodes(AuthenticatorForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return Redirect(AccountPaths.TwoFactor);
        }
        if (!await HolderIsPresentAsync(user, form))
        {
            return await SettingsAsync(user);
        }
        var codes = await audit.InTransactionAsync(async ct =>
        {
            var generated = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            await audit.RecordAsync(AuditActions.RecoveryCodesRenewed, user.Id, ct: ct);
            return generated;
        });
        return View("RecoveryCodes", codes!.ToList());
    }

    /// <summary>A new phone: the old key stops working and the holder enrols the new one like the first.</summary>
    [HttpPost(AccountPaths.TwoFactorReplace)]
    public Task<IActionResult> Replace(AuthenticatorForm form) => RemoveAuthenticatorAsync(form, staffMayDoIt: true,
        AuditActions.TwoFactorReplaced, "L'ancienne clé ne fonctionne plus : enregistrez la nouvelle dans votre application.", AccountPaths.TwoFactor);

    [HttpPost("/compte/double-authentification/desactiver")]
    public Task<IActionResult> Disable(AuthenticatorForm form) => RemoveAuthenticatorAsync(form, staffMayDoIt: false,
        AuditActions.TwoFactorDisabled, "La double authentification est désactivée.", AccountPaths.Account);

    /// <summary>Turns the authenticator off (to replace or to drop it) once the holder has proved they are here.</summary>
    private async Task<IActionResult> RemoveAuthenticatorAsync(AuthenticatorForm form, bool staffMayDoIt, string auditAction, string notice, string next)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled)
        {
            return Redirect(AccountPaths.TwoFactor);
        }
        if (!staffMayDoIt && IsStaff())
        {
            TempData["Notice"] = "Votre rôle exige la double authentification : elle ne peut pas être désactivée.";
            return Redirect(AccountPaths.TwoFactor);
        }
        if (!await HolderIsPresentAsync(user, form))
        {
            return await SettingsAsync(user);
        }
        await audit.InTransactionAsync(async ct =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            TellTheHolder(user, auditAction == AuditActions.TwoFactorReplaced
                ? "La clé de double authentification de votre compte ServicePublic vient d'être remplacée."
                : "La double authentification de votre compte ServicePublic vient d'être désactivée.");
            await audit.RecordAsync(auditAction, user.Id, ct: ct);
        });
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = notice;
        return Redirect(next);
    }

    private void TellTheHolder(ApplicationUser user, string change)
    {
        if (user.EmailConfirmed && user.Email is not null)
        {
            messages.FactorChangedByEmail(user.Email, change);
        }
    }

    private bool IsStaff() => Roles.SecondFactor.Any(User.IsInRole);

    /// <summary>The current password and a current authenticator code (or an unused recovery code).</summary>
    private async Task<bool> HolderIsPresentAsync(ApplicationUser user, AuthenticatorForm form)
    {
        if (!await this.ValidateFormAsync(form) || !await PasswordIsRightAsync(user, form))
        {
            return false;
        }
        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, form.Clean)
            || (await users.RedeemTwoFactorRecoveryCodeAsync(user, form.Code.Trim())).Succeeded)
        {
            return true;
        }
        await users.AccessFailedAsync(user);
        this.AddError(nameof(AuthenticatorForm.Code), "Ce code n'est pas valable. Saisissez le code affiché maintenant par votre application, ou un code de récupération.");
        return false;
    }

    /// <summary>A wrong password counts towards the lockout, as on the sign-in page.</summary>
    private async Task<bool> PasswordIsRightAsync(ApplicationUser user, AuthenticatorForm form)
    {
        if (!await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, form.Password))
        {
            return true;
        }
        await users.AccessFailedAsync(user);
        this.AddError(nameof(AuthenticatorForm.Password), "Le mot de passe est incorrect, ou le compte est bloqué pour 15 minutes après trop d'essais.");
        return false;
    }

    private async Task<bool> SentCodeIsRightAsync(ApplicationUser user, AuthenticatorForm form)
    {
        var sent = new string([.. form.SentCode.Where(char.IsLetterOrDigit)]);
        if (sent.Length > 0 && (ByEmail(user)
                ? await users.VerifyUserTokenAsync(user, TokenOptions.DefaultEmailProvider, EnrolmentPurpose, sent)
                : await smsCodes.CheckAsync(SmsCodes.Enrolment, user.Id, user.PhoneNumber!, sent) == SmsCodeCheck.Accepted))
        {
            return true;
        }
        await users.AccessFailedAsync(user);
        this.AddError(nameof(AuthenticatorForm.SentCode), "Le code reçu par SMS ou par e-mail n'est pas valable. Demandez-en un nouveau.");
        return false;
    }

    /// <summary>The code goes to the confirmed phone (Features/Accounts/SmsCodes.cs), or else by email.</summary>
    private static bool ByEmail(ApplicationUser user) => !user.PhoneNumberConfirmed || string.IsNullOrEmpty(user.PhoneNumber);

    private async Task<IActionResult> SettingsAsync(ApplicationUser user) =>
        View("TwoFactorSettings", new TwoFactorStatus(await users.CountRecoveryCodesAsync(user), IsStaff()));

    /// <summary>Only for an account without a working authenticator: the key waiting to be confirmed.</summary>
    private async Task<TwoFactorEnrolment> EnrolmentAsync(ApplicationUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp: renew this session's cookie, or it ends.
            await signIn.RefreshSignInAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString("ServicePublic:" + user.Email)}?secret={key}&issuer=ServicePublic&digits=6";
        // What was typed is not sent back: a password or a code has no place in a page.
        return new TwoFactorEnrolment(Group(key), QrCodes.SvgDataUri(uri), IsStaff());
    }

    /// <summary>"JBSW Y3DP EHPK 3PXP": easier to type into an app by hand.</summary>
    private static string Group(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
}

public sealed record TwoFactorStatus(int RecoveryCodesLeft, bool IsStaff);

public sealed record TwoFactorEnrolment(string Key, string QrCodeDataUri, bool IsStaff);
