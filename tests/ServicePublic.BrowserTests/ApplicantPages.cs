using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.BrowserTests;

/// <summary>Citizens in a browser: signed in with their password alone, as staff are not.</summary>
internal static class ApplicantPages
{
    /// <summary>Signs <paramref name="user"/> in on <paramref name="page"/>, landing on <paramref name="url"/>.</summary>
    public static async Task SignInApplicantAsync(this IPage page, ApplicationUser user, string url)
    {
        await page.GotoAsync("/compte/connexion?returnUrl=" + Uri.EscapeDataString(url));
        await page.GetByLabel("Adresse e-mail").FillAsync(user.Email!);
        await page.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).PathAndQuery == url, new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
    }
}
