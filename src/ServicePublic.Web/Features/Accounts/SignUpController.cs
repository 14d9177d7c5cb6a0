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
    SmsCodes smsCodes,
    TimeProvider clock) : Controller
{
    public const string PhoneTicket = "confirm-phone";

    [HttpGet("/compte/inscription")]
    public IActionResult SignUp() => User.Identity?.IsAuthenticated == true ? Redirect(AccountPaths.Account) : View(new SignUpForm());

    [HttpPost("/compte/inscription")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    [LimitPerIdentifier(LimitPerIdentifierAttribute.SignUp, nameof(SignUpForm.Email))]
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
            // The code is issued, counted and limited per number exactly as a real sign-up's.
            messages.AlreadyRegistered(email, Link(AccountPaths.SignIn), Link(AccountPaths.ForgotPassword));
            if (await smsCodes.IssueAsync(SmsCodes.ConfirmPhone, null, phone) is { } decoy)
            {
                messages.PhoneCode(phone, decoy);
            }
            AccountDecoys.SpendPasswordCheckTime(users.PasswordHasher, form.Password);
            await audit.RecordAsync(AuditActions.SignUpRefused, existing.Id, "email already has an account");
            return View("CheckYourMessages", new CheckMessagesModel(email, PhoneNumbers.Mask(phone), tickets.Issue(PhoneTicket, AccountDecoys.TicketValue(phone), TimeSpan.FromMinutes(15))));
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
        // The account, its role, the messages to confirm it and its audit entry: all or nothing.
        var created = await audit.InTransactionAsync(async ct =>
        {
            var result = await users.CreateAsync(user, form.Password);
            if (!result.Succeeded)
            {
                return result;
            }
            await users.AddToRoleAsync(user, Roles.Citizen);
            await SendConfirmationsAsync(user);
            await audit.RecordAsync(AuditActions.SignedUp, user.Id, actorId: user.Id, ct: ct);
            return result;
        });
        if (!created.Succeeded)
        {
            this.AddErrors(nameof(SignUpForm.Password), created);
            return View(Cleared(form));
        }
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
        var value = tickets.Read(PhoneTicket, form.Ticket);
        // A decoy ticket (the address already had an account) carries the number typed; its code is
        // a real one without an account, so it is checked, spent and locked like any other.
        var decoyPhone = AccountDecoys.PhoneOf(value);
        var user = value is null || decoyPhone is not null ? null : await users.FindByIdAsync(value);
        var phone = decoyPhone ?? user?.PhoneNumber;
        var check = phone is null || (user is not null && await users.IsLockedOutAsync(user))
            ? SmsCodeCheck.Wrong
            : await smsCodes.CheckAsync(SmsCodes.ConfirmPhone, user?.Id, phone, form.Clean);
        if (check == SmsCodeCheck.Accepted)
        {
            if (user is not null)
            {
                user.PhoneNumberConfirmed = true;
                await users.UpdateAsync(user);
            }
            return View("PhoneConfirmed");
        }
        this.AddError(nameof(CodeForm.Code), value is null
            ? "Ce formulaire a expiré. Confirmez votre adresse e-mail avec le lien reçu, ou recommencez l'inscription."
            : SmsCodeMessages.For(check));
        return View("CheckYourMessages", new CheckMessagesModel(null, null, form.Ticket));
    }

    private async Task SendConfirmationsAsync(ApplicationUser user)
    {
        await confirmations.QueueEmailLinkAsync(user);
        if (await smsCodes.IssueAsync(SmsCodes.ConfirmPhone, user.Id, user.PhoneNumber!) is { } code)
        {
            messages.PhoneCode(user.PhoneNumber!, code);
        }
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
