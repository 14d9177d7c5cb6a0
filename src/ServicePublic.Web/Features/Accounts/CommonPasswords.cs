using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>The list of common passwords shipped with the portal (Data/common-passwords.txt).</summary>
public sealed class CommonPasswords
{
    private readonly HashSet<string> _words;

    public CommonPasswords(IWebHostEnvironment environment)
    {
        var path = Path.Combine(environment.ContentRootPath, "Data", "common-passwords.txt");
        if (!File.Exists(path))
        {
            path = Path.Combine(AppContext.BaseDirectory, "Data", "common-passwords.txt");
        }
        _words = File.ReadLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Trim().ToLowerInvariant())
            .ToHashSet();
    }

    /// <summary>True for a listed password, or one made of a listed word padded with digits and symbols ("Azerty123456!").</summary>
    public bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim("0123456789!@#$%^&*()-_=+.,;:?/\\|'\"<>[]{}~` ".ToCharArray());
        return _words.Contains(lower) || (core.Length > 0 && _words.Contains(core)) || lower.Distinct().Count() <= 2;
    }
}

internal sealed class CommonPasswordValidator(CommonPasswords common, IStringLocalizer<SharedResource> localizer) : IPasswordValidator<ApplicationUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (common.IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = localizer["Ce mot de passe est trop courant : choisissez une phrase ou une suite de mots que vous seul connaissez."],
            }));
        }
        var local = user.Email?.Split('@')[0];
        if (local is { Length: >= 4 } && password.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContainsEmail",
                Description = localizer["Le mot de passe ne doit pas contenir votre adresse e-mail."],
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
