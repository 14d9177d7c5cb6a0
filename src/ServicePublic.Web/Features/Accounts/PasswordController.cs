using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Accounts;

public sealed class PasswordController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AccountMessages messages,
    PortalLinks links,
    AuditLog audit) : Controller
{
    [HttpGet("/compte/mot-de-passe-oublie")]
    public IActionResult Forgot() => View(new EmailForm());

    /// <summary>Always the same answer, whether or not the address has an account.</summary>
    [HttpPost("/compte/mot-de-passe-oublie")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    [LimitPerIdentifier(LimitPerIdentifierAttribute.Reset, nameof(EmailForm.Email))]
    public async Task<IActionResult> Forgot(EmailForm form)
    {
        if (!await this.ValidateFormAsync(form))
        {
            return View(form);
        }
        var found = await users.FindByEmailAsync(form.Email.Trim());
        var user = found is { IsClosed: false } ? found : null;
        if (user is not null)
        {
            // Unconfirmed and locked accounts too: the link proves the mailbox, confirms it and ends the lock.
            var code = await users.GeneratePasswordResetTokenAsync(user);
            messages.ResetPassword(user.Email!, links.Absolute(AccountPaths.ResetPassword(user.Id, code)));
        }
        // Recorded (with the link, in one transaction) for an unknown address too: the same work, the same time.
        await audit.RecordAsync(AuditActions.PasswordResetRequested, user?.Id, user is null ? "unknown account" : null);
        return View("ForgotSent", form.Email.Trim());
    }

    [HttpGet("/compte/reinitialiser-mot-de-passe")]
    public IActionResult Reset(string? userId, string? code) =>
        userId is null || code is null ? View("ResetInvalid") : View(new ResetPasswordForm { UserId = userId, Code = code });

    [HttpPost("/compte/reinitialiser-mot-de-passe")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    public async Task<IActionResult> Reset(ResetPasswordForm form)
    {
        if (!await this.ValidateFormAsync(form))
        {
            return View(form);
        }
        var user = await users.FindByIdAsync(form.UserId);
        if (user is null || user.IsClosed)
        {
            return View("ResetInvalid");
        }
        // The new password, what the reset proves and removes, and their audit entries: all or nothing.
        var removedFactors = false;
        var result = await audit.InTransactionAsync(async ct =>
        {
            var reset = await users.ResetPasswordAsync(user, form.Code, form.Password);
            if (!reset.Succeeded)
            {
                return reset;
            }
            // A reset proves control of the mailbox: the address counts as confirmed, and a lockout ends.
            var wasUnproven = !user.EmailConfirmed;
            removedFactors = user.ProveEmailByReset();
            if (wasUnproven)
            {
                // Whoever set the account up before the address was proven loses every way in: a new
                // authenticator key; the security stamp, renewed by the reset and again here, ends every
                // session opened until now.
                await users.ResetAuthenticatorKeyAsync(user);
            }
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            if (removedFactors)
            {
                await audit.RecordAsync(AuditActions.UnprovenFactorsRemoved, user.Id, "phone and authenticator set before the email was confirmed", user.Id, ct);
            }
            await audit.RecordAsync(AuditActions.PasswordReset, user.Id, actorId: user.Id, ct: ct);
            return reset;
        });
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                return View("ResetInvalid");
            }
            this.AddErrors(nameof(ResetPasswordForm.Password), result);
            return View(form);
        }
        TempData["Notice"] = removedFactors
            ? "Votre mot de passe a été modifié et votre adresse e-mail est confirmée. Le numéro de téléphone enregistré avant cette confirmation a été retiré : connectez-vous, puis ajoutez le vôtre depuis votre profil."
            : "Votre mot de passe a été modifié. Connectez-vous avec le nouveau.";
        return Redirect(AccountPaths.SignIn);
    }

    [Authorize]
    [HttpGet("/compte/mot-de-passe")]
    public IActionResult Change() => View(new ChangePasswordForm());

    [Authorize]
    [HttpPost("/compte/mot-de-passe")]
    public async Task<IActionResult> Change(ChangePasswordForm form)
    {
        if (!await this.ValidateFormAsync(form))
        {
            return View(new ChangePasswordForm());
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        // The new password, the notice and the audit entry: all or nothing.
        var result = await audit.InTransactionAsync(async ct =>
        {
            var changed = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
            if (changed.Succeeded)
            {
                messages.PasswordChanged(user.Email!);
                await audit.RecordAsync(AuditActions.PasswordChanged, user.Id, ct: ct);
            }
            return changed;
        });
        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? nameof(form.CurrentPassword) : nameof(form.NewPassword);
            this.AddErrors(field, result);
            return View(new ChangePasswordForm());
        }
        // The security stamp changed: every other session is signed out at its next request.
        // This one gets a fresh cookie, keeping its second factor.
        var usedSecondFactor = User.HasSecondFactor();
        await signIn.SignOutAsync();
        if (usedSecondFactor)
        {
            await signIn.SignInWithClaimsAsync(user, false, [SecondFactor.Claim()]);
        }
        else
        {
            await signIn.SignInAsync(user, false);
        }
        TempData["Notice"] = "Votre mot de passe a été modifié. Vos autres sessions ont été fermées.";
        return Redirect(AccountPaths.Account);
    }
}
