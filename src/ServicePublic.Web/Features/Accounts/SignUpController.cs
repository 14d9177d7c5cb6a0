using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Accounts;

public sealed class SignUpController(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    AccountMessages messages,
    Confirmations confirmations,
    Tickets tickets,
    AuditLog audit,
    PortalLinks links,
    TimeProvider clock) : Controller
{
    public const string PhoneTicket = "confirm-phone";

    [HttpGet("/compte/inscription")]
    public IActionResult SignUp() => User.Identity?.IsAuthenticated == true ? Redirect(AccountPaths.Account) : View(new SignUpForm());

    [HttpPost("/compte/inscription")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    public async Task<IActionResult> SignUp(SignUpForm form)
    {
        if (!await this.ValidateFormAsync(form))
        {
            return View(Cleared(form));
        }
        var email = form.Email.Trim();
        var phone = PhoneNumbers.Normalize(form.Phone)!;
        // Before looking the address up, so a weak password is refused alike whether or not it has an account.
        if (await PasswordProblemsAsync(email, form.Password) is { Succeeded: false } weak)
        {
            this.AddErrors(nameof(SignUpForm.Password), weak);
            return View(Cleared(form));
        }
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // The owner is told in their mailbox. The page, the SMS to the phone typed (whose code
            // "confirms" on the next page) and the time taken are those of a real sign-up, so
            // whoever typed someone else's address learns nothing.
            var decoy = AccountDecoys.NewSmsCode();
            messages.AlreadyRegistered(email, Link(AccountPaths.SignIn), Link(AccountPaths.ForgotPassword));
            messages.PhoneCode(phone, decoy);
            AccountDecoys.SpendPasswordCheckTime(users.PasswordHasher, form.Password);
            await audit.RecordAsync(AuditActions.SignUpRefused, existing.Id, "email already has an account");
            return View("CheckYourMessages", new CheckMessagesModel(email, PhoneNumbers.Mask(phone), tickets.Issue(PhoneTicket, AccountDecoys.TicketValue(decoy), TimeSpan.FromMinutes(15))));
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            PhoneNumber = phone,
            FullName = form.FullName.Trim(),
            PreferredLanguage = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr-TG",
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, form.Password);
        if (!created.Succeeded)
        {
            this.AddErrors(nameof(SignUpForm.Password), created);
            return View(Cleared(form));
        }
        await users.AddToRoleAsync(user, Roles.Citizen);
        await SendConfirmationsAsync(user);
        await audit.RecordAsync(AuditActions.SignedUp, user.Id, actorId: user.Id);
        return View("CheckYourMessages", new CheckMessagesModel(email, PhoneNumbers.Mask(phone), tickets.Issue(PhoneTicket, user.Id, TimeSpan.FromMinutes(15))));
    }

    [HttpGet("/compte/confirmer-email")]
    public async Task<IActionResult> ConfirmEmail(string? userId, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        var confirmed = user is not null && code is not null && (await users.ConfirmEmailAsync(user, code)).Succeeded;
        return View(confirmed);
    }

    /// <summary>The SMS code typed after sign-up confirms the phone number.</summary>
    [HttpPost("/compte/inscription/telephone")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    public async Task<IActionResult> ConfirmPhone(CodeForm form)
    {
        var userId = tickets.Read(PhoneTicket, form.Ticket);
        if (AccountDecoys.CodeMatches(userId, form.Clean))
        {
            // The address already had an account: the code sent "confirms" as a real one would, and changes nothing.
            return View("PhoneConfirmed");
        }
        var user = userId is null || AccountDecoys.IsDecoy(userId) ? null : await users.FindByIdAsync(userId);
        if (user is not null && !await users.IsLockedOutAsync(user)
            && await users.VerifyChangePhoneNumberTokenAsync(user, form.Clean, user.PhoneNumber!))
        {
            user.PhoneNumberConfirmed = true;
            await users.UpdateAsync(user);
            return View("PhoneConfirmed");
        }
        if (user is not null)
        {
            await users.AccessFailedAsync(user);
        }
        this.AddError(nameof(CodeForm.Code), userId is null
            ? "Ce formulaire a expiré. Confirmez votre adresse e-mail avec le lien reçu, ou recommencez l'inscription."
            : "Ce code n'est pas valable. Vérifiez le dernier SMS reçu.");
        return View("CheckYourMessages", new CheckMessagesModel(null, null, form.Ticket));
    }

    private async Task SendConfirmationsAsync(ApplicationUser user)
    {
        await confirmations.QueueEmailLinkAsync(user);
        messages.PhoneCode(user.PhoneNumber!, await users.GenerateChangePhoneNumberTokenAsync(user, user.PhoneNumber!));
        await db.SaveChangesAsync();
    }

    /// <summary>What the password validators (length, common passwords) say of this password for a new account.</summary>
    private async Task<IdentityResult> PasswordProblemsAsync(string email, string password)
    {
        var candidate = new ApplicationUser { UserName = email, Email = email };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, candidate, password)).Errors);
        }
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private string Link(string pathAndQuery) => links.Absolute(pathAndQuery);

    /// <summary>Re-shown forms keep what was typed, except passwords.</summary>
    private static SignUpForm Cleared(SignUpForm form)
    {
        form.Password = "";
        form.ConfirmPassword = "";
        return form;
    }
}

public sealed record CheckMessagesModel(string? Email, string? MaskedPhone, string? Ticket);
