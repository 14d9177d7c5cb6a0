using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>Authenticator app (TOTP) enrolment with a QR code, recovery codes, and turning it off.</summary>
[Authorize]
public sealed class TwoFactorController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AuditLog audit) : Controller
{
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
            return View("Enable", await EnrolmentAsync(user, new CodeForm()));
        }
        return View("TwoFactorSettings", new TwoFactorStatus(await users.CountRecoveryCodesAsync(user), IsStaff()));
    }

    [HttpPost("/compte/double-authentification")]
    public async Task<IActionResult> Enable(CodeForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await this.ValidateFormAsync(form))
        {
            return View("Enable", await EnrolmentAsync(user, form));
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, form.Clean))
        {
            this.AddError(nameof(CodeForm.Code), "Ce code n'est pas valable. Vérifiez l'heure de votre téléphone et saisissez le code affiché maintenant.");
            return View("Enable", await EnrolmentAsync(user, form));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        // This session now counts as opened with a second factor.
        await signIn.SignInWithClaimsAsync(user, false, [new Claim("amr", "mfa")]);
        await audit.RecordAsync(AuditActions.TwoFactorEnabled, user.Id);
        return View("RecoveryCodes", codes!.ToList());
    }

    [HttpPost("/compte/double-authentification/codes")]
    public async Task<IActionResult> NewRecoveryCodes()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return Redirect(AccountPaths.TwoFactor);
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return View("RecoveryCodes", codes!.ToList());
    }

    [HttpPost("/compte/double-authentification/desactiver")]
    public async Task<IActionResult> Disable()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (IsStaff())
        {
            TempData["Notice"] = "Votre rôle exige la double authentification : elle ne peut pas être désactivée.";
            return Redirect(AccountPaths.TwoFactor);
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorDisabled, user.Id);
        TempData["Notice"] = "La double authentification est désactivée.";
        return Redirect(AccountPaths.Account);
    }

    private bool IsStaff() => Roles.Staff.Any(User.IsInRole);

    private async Task<TwoFactorEnrolment> EnrolmentAsync(ApplicationUser user, CodeForm form)
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
        return new TwoFactorEnrolment(Group(key), QrCodes.SvgDataUri(uri), form, IsStaff());
    }

    /// <summary>"JBSW Y3DP EHPK 3PXP": easier to type into an app by hand.</summary>
    private static string Group(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
}

public sealed record TwoFactorStatus(int RecoveryCodesLeft, bool IsStaff);

public sealed record TwoFactorEnrolment(string Key, string QrCodeDataUri, CodeForm Form, bool IsStaff);
