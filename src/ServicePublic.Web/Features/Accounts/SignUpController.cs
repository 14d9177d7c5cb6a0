using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Accounts;

public sealed class SignUpController(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    AccountMessages messages,
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
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Same answer as a real sign-up, so the page never tells whether an email has an account.
            messages.AlreadyRegistered(email, Link(AccountPaths.SignIn), Link(AccountPaths.ForgotPassword));
            await db.SaveChangesAsync();
            return View("CheckYourMessages", new CheckMessagesModel(email, PhoneNumbers.Mask(phone), tickets.Issue(PhoneTicket, "none", TimeSpan.FromMinutes(15))));
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
        var user = userId is null or "none" ? null : await users.FindByIdAsync(userId);
        var check = user is null || await users.IsLockedOutAsync(user)
            ? SmsCodeCheck.Wrong
            : await smsCodes.CheckAsync(SmsCodes.ConfirmPhone, user.Id, user.PhoneNumber!, form.Clean);
        if (check == SmsCodeCheck.Accepted)
        {
            user!.PhoneNumberConfirmed = true;
            await users.UpdateAsync(user);
            return View("PhoneConfirmed");
        }
        this.AddError(nameof(CodeForm.Code), userId is null
            ? "Ce formulaire a expiré. Confirmez votre adresse e-mail avec le lien reçu, ou recommencez l'inscription."
            : check == SmsCodeCheck.Locked ? SignInController.NumberLockedMessage : "Ce code n'est pas valable. Vérifiez le dernier SMS reçu.");
        return View("CheckYourMessages", new CheckMessagesModel(null, null, form.Ticket));
    }

    private async Task SendConfirmationsAsync(ApplicationUser user)
    {
        var emailCode = await users.GenerateEmailConfirmationTokenAsync(user);
        messages.ConfirmEmail(user.Email!, user.FullName, Link(AccountPaths.ConfirmEmail(user.Id, emailCode)));
        if (await smsCodes.IssueAsync(SmsCodes.ConfirmPhone, user.Id, user.PhoneNumber!) is { } code)
        {
            messages.PhoneCode(user.PhoneNumber!, code);
        }
        await db.SaveChangesAsync();
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
