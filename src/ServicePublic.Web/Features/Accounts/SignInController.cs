using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Accounts;

public sealed class SignInController(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    AppDbContext db,
    AccountQueries queries,
    AccountMessages messages,
    Tickets tickets,
    SmsCodes smsCodes,
    Confirmations confirmations,
    PortalLinks links,
    AuditLog audit) : Controller
{
    private const string SmsTicket = "sms-sign-in";
    /// <summary>
    /// The one answer to every refused password sign-in, whether the account is unknown, unconfirmed,
    /// locked or the password wrong: the page tells nobody which; the owner hears the rest by message.
    /// </summary>
    private const string FailedMessage = "Connexion impossible : vérifiez votre adresse e-mail et votre mot de passe. Si votre compte attend encore sa confirmation, ou s'il est bloqué pour 15 minutes après plusieurs essais, nous vous avons écrit par e-mail ou par SMS : consultez vos messages.";

    private const string LockedMessage = "Trop d'essais infructueux : ce compte est bloqué pendant 15 minutes. Réessayez plus tard ou réinitialisez votre mot de passe.";

    [HttpGet("/compte/connexion")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = LocalOrNull(returnUrl) });

    [HttpPost("/compte/connexion")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    [LimitPerIdentifier(LimitPerIdentifierAttribute.SignIn, nameof(SignInForm.Email))]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        form.ReturnUrl = LocalOrNull(form.ReturnUrl);
        if (!await this.ValidateFormAsync(form))
        {
            return View(form);
        }
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null || user.IsClosed)
        {
            // Hash anyway, so an unknown address takes as long to refuse as a wrong password.
            AccountDecoys.SpendPasswordCheckTime(users.PasswordHasher, form.Password);
            await audit.RecordAsync(AuditActions.SignInFailed, null, "unknown account");
            this.AddError("", FailedMessage);
            return View(form);
        }

        var wasLockedOut = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.SignInSucceeded, user.Id, "password", user.Id);
            return await AfterSignInAsync(user, form.ReturnUrl);
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl, rememberMe = form.RememberMe });
        }
        if (result.IsLockedOut)
        {
            await RefusedWhileLockedAsync(user, wasLockedOut, form.Password);
            this.AddError("", FailedMessage);
            return View(form);
        }
        if (result.IsNotAllowed)
        {
            // Nothing confirmed yet (Identity checked no password). Whoever knows the password gets a
            // fresh confirmation link, in the account's own mailbox only; the page says nothing more.
            if (await users.CheckPasswordAsync(user, form.Password))
            {
                await confirmations.QueueEmailLinkAsync(user);
            }
            await audit.RecordAsync(AuditActions.SignInFailed, user.Id, "not confirmed", user.Id);
            this.AddError("", FailedMessage);
            return View(form);
        }
        await audit.RecordAsync(AuditActions.SignInFailed, user.Id, "password", user.Id);
        this.AddError("", FailedMessage);
        return View(form);
    }

    [HttpGet("/compte/connexion/deux-facteurs")]
    public async Task<IActionResult> TwoFactor(string? returnUrl, bool rememberMe)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(SignIn));
        }
        return View(new CodeForm { ReturnUrl = LocalOrNull(returnUrl), RememberMe = rememberMe });
    }

    [HttpPost("/compte/connexion/deux-facteurs")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    public async Task<IActionResult> TwoFactor(CodeForm form, bool useRecoveryCode)
    {
        form.ReturnUrl = LocalOrNull(form.ReturnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }
        if (!await this.ValidateFormAsync(form))
        {
            return View(form);
        }
        var result = useRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(form.Code.Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync(form.Clean, form.RememberMe, form.RememberMachine);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.SignInSucceeded, user.Id, useRecoveryCode ? "recovery-code" : "authenticator", user.Id);
            return await AfterSignInAsync(user, form.ReturnUrl);
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditActions.LockedOut, user.Id, actorId: user.Id);
            this.AddError(nameof(CodeForm.Code), LockedMessage);
            return View(form);
        }
        await audit.RecordAsync(AuditActions.SignInFailed, user.Id, "second factor", user.Id);
        this.AddError(nameof(CodeForm.Code), "Ce code n'est pas valable. Saisissez le code affiché maintenant par votre application.");
        return View(form);
    }

    [HttpGet("/compte/connexion/sms")]
    public IActionResult SmsRequest(string? returnUrl) => View(new PhoneForm { ReturnUrl = LocalOrNull(returnUrl) });

    /// <summary>Sends a one-time code to a confirmed phone. The answer is the same whether or not the number has an account.</summary>
    [HttpPost("/compte/connexion/sms")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    [LimitPerIdentifier(LimitPerIdentifierAttribute.SmsSignIn, nameof(PhoneForm.Phone))]
    public async Task<IActionResult> SmsRequest(PhoneForm form)
    {
        form.ReturnUrl = LocalOrNull(form.ReturnUrl);
        if (!await this.ValidateFormAsync(form))
        {
            return View(form);
        }
        var phone = PhoneNumbers.Normalize(form.Phone)!;
        var user = await queries.ByConfirmedPhoneAsync(phone);
        if (user is not null && !await users.IsLockedOutAsync(user) && await smsCodes.IssueAsync(SmsCodes.SignIn, user.Id, phone) is { } code)
        {
            messages.SignInCode(phone, code);
            await db.SaveChangesAsync();
        }
        // The number travels with the ticket: wrong codes lock it whether or not it has an account.
        var ticket = tickets.Issue(SmsTicket, (user?.Id ?? "none") + "|" + phone, TimeSpan.FromMinutes(10));
        return View("SmsCode", new CodeForm { Ticket = ticket, ReturnUrl = form.ReturnUrl });
    }

    [HttpPost("/compte/connexion/sms/code")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    public async Task<IActionResult> SmsCode(CodeForm form)
    {
        form.ReturnUrl = LocalOrNull(form.ReturnUrl);
        if (tickets.Read(SmsTicket, form.Ticket)?.Split('|') is not [var userId, var phone])
        {
            this.AddError(nameof(CodeForm.Code), "Ce code a expiré. Demandez-en un nouveau.");
            return View(form);
        }
        if (!await this.ValidateFormAsync(form))
        {
            return View(form);
        }
        var user = userId == "none" ? null : await users.FindByIdAsync(userId);
        // The code is checked (and a wrong one counted against the number) whatever the account's
        // state, so a locked account or one whose email was never proven since the code was sent
        // answers exactly like a wrong code, lock of the number included (the owner of a locked
        // account was told when it locked).
        var check = await smsCodes.CheckAsync(SmsCodes.SignIn, user?.Id, phone, form.Clean);
        var mayUsePhone = user is not null && user.MaySignInByPhone && !await users.IsLockedOutAsync(user);
        if (user is not null && mayUsePhone && check == SmsCodeCheck.Accepted)
        {
            await users.ResetAccessFailedCountAsync(user);
            if (user.TwoFactorEnabled)
            {
                // The SMS proves the phone, not the authenticator: ask for its code as after a password.
                await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, AwaitingSecondFactor(user));
                return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl });
            }
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "sms");
            await audit.RecordAsync(AuditActions.SignInSucceeded, user.Id, "sms", user.Id);
            return await AfterSignInAsync(user, form.ReturnUrl);
        }
        if (user is not null)
        {
            await audit.RecordAsync(AuditActions.SignInFailed, user.Id, "sms", user.Id);
        }
        this.AddError(nameof(CodeForm.Code), SmsCodeMessages.For(check));
        return View(form);
    }

    [HttpPost("/compte/deconnexion")]
    public async Task<IActionResult> Leave()
    {
        var user = await users.GetUserAsync(User);
        var userId = user?.Id;
        if (user is not null)
        {
            // A new stamp makes every copy of this session's cookie worthless, here and on any other device.
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        HttpContext.Response.Cookies.Delete(ActingContext.CookieName);
        if (userId is not null)
        {
            await audit.RecordAsync(AuditActions.SignedOut, userId, actorId: userId);
        }
        return Redirect(CataloguePaths.Home);
    }

    [HttpGet("/compte/acces-refuse")]
    [Authorize]
    public async Task<IActionResult> AccessDenied()
    {
        var user = await users.GetUserAsync(User);
        var isStaff = user is not null && Roles.SecondFactor.Any(User.IsInRole);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View(new AccessDeniedModel(isStaff, user?.TwoFactorEnabled == true, User.HasSecondFactor()));
    }

    /// <summary>
    /// A locked account: the owner is told once, when the lock begins. Later tries check no password,
    /// so they spend the time of one, and a locked account answers as fast as any other.
    /// </summary>
    private async Task RefusedWhileLockedAsync(ApplicationUser user, bool wasLockedOut, string password)
    {
        if (wasLockedOut)
        {
            AccountDecoys.SpendPasswordCheckTime(users.PasswordHasher, password);
        }
        else
        {
            messages.LockedOut(user, links.Absolute(AccountPaths.ForgotPassword));
        }
        await audit.RecordAsync(AuditActions.LockedOut, user.Id, actorId: user.Id);
    }

    /// <summary>Staff without a second factor are sent to set one up before anything else.</summary>
    private async Task<IActionResult> AfterSignInAsync(ApplicationUser user, string? returnUrl)
    {
        var roles = await users.GetRolesAsync(user);
        if (roles.Any(r => Roles.SecondFactor.Contains(r)) && !user.TwoFactorEnabled)
        {
            TempData["Notice"] = "Votre rôle exige la double authentification : activez-la pour accéder à l'espace agents.";
            return Redirect(AccountPaths.TwoFactor);
        }
        return LocalRedirect(returnUrl ?? AccountPaths.Account);
    }

    /// <summary>The same half-signed-in state SignInManager keeps between a right password and the authenticator code.</summary>
    private static ClaimsPrincipal AwaitingSecondFactor(ApplicationUser user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme));

    private string? LocalOrNull(string? url) => Url.IsLocalUrl(url) ? url : null;
}

public sealed record AccessDeniedModel(bool IsStaff, bool HasTwoFactor, bool SignedInWithTwoFactor);
