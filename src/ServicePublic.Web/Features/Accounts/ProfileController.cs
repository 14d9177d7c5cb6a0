using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Setup;

namespace ServicePublic.Web.Features.Accounts;

[Authorize]
public sealed class ProfileController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AppDbContext db,
    AccountQueries queries,
    AccountMessages messages,
    PortalLinks links,
    Tickets tickets,
    SmsCodes smsCodes,
    AuditLog audit,
    TimeProvider clock) : Controller
{
    private const string NewPhoneTicket = "new-phone";

    [HttpGet("/compte")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var roles = await users.GetRolesAsync(user);
        var form = new ProfileForm { FullName = user.FullName, NationalId = user.NationalId, PreferredLanguage = user.PreferredLanguage };
        return View("Profile", new ProfileModel(user, roles, form));
    }

    [HttpPost("/compte/profil")]
    public async Task<IActionResult> Update(ProfileForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await this.ValidateFormAsync(form))
        {
            return View("Profile", new ProfileModel(user, await users.GetRolesAsync(user), form));
        }
        var formerName = user.FullName;
        user.FullName = form.FullName.Trim();
        user.NationalId = string.IsNullOrWhiteSpace(form.NationalId) ? null : form.NationalId.Trim();
        user.PreferredLanguage = form.PreferredLanguage;
        if (user.FullName != formerName)
        {
            // The name is printed on documents and receipts: its change is audited, in the same
            // transaction as the change itself (the audit log saves what the context tracks).
            await audit.RecordAsync(AuditActions.NameChanged, user.Id, $"{formerName} → {user.FullName}");
        }
        else
        {
            await users.UpdateAsync(user);
        }
        TempData["Notice"] = "Vos informations ont été enregistrées.";
        return Redirect(AccountPaths.Account);
    }

    [HttpGet("/compte/email")]
    public IActionResult ChangeEmail() => View(new EmailForm());

    [HttpPost("/compte/email")]
    public async Task<IActionResult> ChangeEmail(EmailForm form, string? currentPassword)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await this.ValidateFormAsync(form) | !await CurrentPasswordIsRightAsync(user, currentPassword))
        {
            return View(form);
        }
        var email = form.Email.Trim();
        // A taken address gets no link, and the page says the same as for a free one.
        if (await users.FindByEmailAsync(email) is null)
        {
            var code = await users.GenerateChangeEmailTokenAsync(user, email);
            messages.ConfirmNewEmail(email, links.Absolute(AccountPaths.ConfirmNewEmail(email, code)));
            await db.SaveChangesAsync();
        }
        return View("EmailSent", email);
    }

    [HttpGet("/compte/email/confirmer")]
    public async Task<IActionResult> ConfirmEmail(string? email, string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var oldEmail = user.Email;
        if (email is null || code is null)
        {
            return View("EmailInvalid");
        }
        // The new address, the notice to the old one and the audit entry: all or nothing.
        var changed = await audit.InTransactionAsync(async ct =>
        {
            if (!(await users.ChangeEmailAsync(user, email, code)).Succeeded)
            {
                return false;
            }
            await users.SetUserNameAsync(user, email);
            if (oldEmail is not null)
            {
                messages.FactorChangedByEmail(oldEmail, $"L'adresse e-mail de votre compte ServicePublic vient d'être remplacée par {email}.");
            }
            await audit.RecordAsync(AuditActions.EmailChanged, user.Id, ct: ct);
            return true;
        });
        if (!changed)
        {
            return View("EmailInvalid");
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "Votre nouvelle adresse e-mail est enregistrée.";
        return Redirect(AccountPaths.Account);
    }

    [HttpGet("/compte/telephone")]
    public IActionResult ChangePhone() => View(new PhoneForm());

    [HttpPost("/compte/telephone")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    public async Task<IActionResult> ChangePhone(PhoneForm form, string? currentPassword)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await this.ValidateFormAsync(form) | !await CurrentPasswordIsRightAsync(user, currentPassword))
        {
            return View(form);
        }
        var phone = PhoneNumbers.Normalize(form.Phone)!;
        if (await smsCodes.IssueAsync(SmsCodes.ChangePhone, user.Id, phone) is { } code)
        {
            messages.PhoneCode(phone, code);
            await db.SaveChangesAsync();
        }
        return View("ConfirmPhone", new CodeForm { Ticket = tickets.Issue(NewPhoneTicket, user.Id + "|" + phone, TimeSpan.FromMinutes(10)) });
    }

    [HttpPost("/compte/telephone/confirmer")]
    [EnableRateLimiting(RateLimitPolicies.Accounts)]
    public async Task<IActionResult> ConfirmPhone(CodeForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var value = tickets.Read(NewPhoneTicket, form.Ticket)?.Split('|');
        if (value is not [var id, var phone] || id != user.Id)
        {
            this.AddError(nameof(CodeForm.Code), "Ce code a expiré. Demandez-en un nouveau.");
            return View(form);
        }
        var oldPhone = user.PhoneNumberConfirmed ? user.PhoneNumber : null;
        var check = await smsCodes.CheckAsync(SmsCodes.ChangePhone, user.Id, phone, form.Clean);
        if (check != SmsCodeCheck.Accepted)
        {
            this.AddError(nameof(CodeForm.Code), SmsCodeMessages.For(check));
            return View(form);
        }
        // The new number, the notices and the audit entry: all or nothing.
        await audit.InTransactionAsync(async ct =>
        {
            // What ChangePhoneNumberAsync does once Identity's own token is checked: the code above replaces that token.
            user.PhoneNumber = phone;
            user.PhoneNumberConfirmed = true;
            await users.UpdateSecurityStampAsync(user);
            if (oldPhone is not null && oldPhone != phone)
            {
                messages.PhoneChangedBySms(oldPhone);
            }
            if (user.EmailConfirmed && user.Email is not null)
            {
                messages.FactorChangedByEmail(user.Email, "Le numéro de téléphone de votre compte ServicePublic vient d'être changé.");
            }
            await audit.RecordAsync(AuditActions.PhoneChanged, user.Id, ct: ct);
        });
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "Votre numéro de téléphone est confirmé.";
        return Redirect(AccountPaths.Account);
    }

    /// <summary>Changing a way to reach or recover the account needs the password: an open session is not enough.</summary>
    private async Task<bool> CurrentPasswordIsRightAsync(ApplicationUser user, string? password)
    {
        if (!string.IsNullOrEmpty(password) && !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, password))
        {
            return true;
        }
        await users.AccessFailedAsync(user);
        this.AddError("CurrentPassword", "Le mot de passe est incorrect, ou le compte est bloqué pour 15 minutes après trop d'essais.");
        return false;
    }

    /// <summary>Everything the portal holds about me, as JSON (Togo law 2019-014 on personal data).</summary>
    [HttpGet("/compte/donnees")]
    public async Task<IActionResult> PersonalData()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var businesses = await queries.BusinessDataAsync(user.Id);
        var events = await queries.SecurityEventsAsync(user.Id);
        var data = new
        {
            account = new
            {
                user.FullName, user.Email, user.EmailConfirmed, user.PhoneNumber, user.PhoneNumberConfirmed,
                user.NationalId, user.PreferredLanguage, user.CreatedAt, user.TwoFactorEnabled,
                roles = await users.GetRolesAsync(user),
            },
            businesses,
            securityEvents = events,
            exportedAt = clock.GetUtcNow(),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(data, new JsonSerializerOptions { WriteIndented = true });
        return File(json, "application/json", "mes-donnees-servicepublic.json");
    }

    [HttpGet("/compte/fermer")]
    public IActionResult Close() => View(new ConfirmPasswordForm());

    [HttpPost("/compte/fermer")]
    public async Task<IActionResult> Close(ConfirmPasswordForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await users.CheckPasswordAsync(user, form.Password))
        {
            this.AddError(nameof(ConfirmPasswordForm.Password), "Le mot de passe est incorrect.");
            return View(new ConfirmPasswordForm());
        }
        var mine = await queries.BusinessesOfAsync(user.Id);
        try
        {
            Business.EnsureMayCloseAccount(mine, user.Id);
        }
        catch (BusinessRuleException refused)
        {
            this.AddError(nameof(ConfirmPasswordForm.Password), refused.Message);
            return View(new ConfirmPasswordForm());
        }
        // Memberships, personal data, logins, key and the audit entry: all or nothing.
        await audit.InTransactionAsync(async ct =>
        {
            await db.BusinessMembers.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(ct);
            user.Close(clock.GetUtcNow());
            await users.UpdateAsync(user);
            foreach (var login in await users.GetLoginsAsync(user))
            {
                await users.RemoveLoginAsync(user, login.LoginProvider, login.ProviderKey);
            }
            await users.ResetAuthenticatorKeyAsync(user);
            await audit.RecordAsync(AuditActions.AccountClosed, user.Id, ct: ct);
        });
        await signIn.SignOutAsync();
        return View("Closed");
    }
}

public sealed record ProfileModel(ApplicationUser User, IList<string> Roles, ProfileForm Form);
