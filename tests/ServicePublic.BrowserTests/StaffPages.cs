using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.BrowserTests;

/// <summary>Staff in a browser: signed in with password and authenticator code, as they are every morning.</summary>
internal static class StaffPages
{
    /// <summary>A new browser (its own cookies) where <paramref name="user"/> has signed in and landed on <paramref name="url"/>.</summary>
    public static async Task<IPage> SignedInAsync(this BrowserFixture browser, ApplicationUser user, string url)
    {
        var page = await browser.NewPhonePageAsync();
        await browser.SignInAsync(page, user, url);
        return page;
    }

    /// <summary>Signs <paramref name="user"/> in on <paramref name="page"/> (password, then authenticator code), landing on <paramref name="url"/>.</summary>
    public static async Task SignInAsync(this BrowserFixture browser, IPage page, ApplicationUser user, string url)
    {
        var key = await browser.Portal.AuthenticatorKeyAsync(user);
        await page.GotoAsync("/compte/connexion?returnUrl=" + Uri.EscapeDataString(url));
        await page.GetByLabel("Adresse e-mail").FillAsync(user.Email!);
        await page.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.Locator("form#two-factor #Code").FillAsync(TestAccounts.TotpCode(key));
        await page.Locator("form#two-factor button[type=submit]").ClickAsync();
        // Signing in hashes a password and checks a code: on a busy machine, more than the usual wait.
        // Landing is the promise here, so the wait ends when the page is committed: what a test then
        // looks at waits for itself. Waiting for "load" once timed out on CI after the landing, with
        // nothing left in flight (Chromium's network-idle had fired), a miss we could not reproduce.
        try
        {
            await page.WaitForURLAsync(u => new Uri(u).PathAndQuery == url, new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException)
        {
            // Where it stopped, and what the page said: the timeout alone does not tell.
            var said = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new Xunit.Sdk.XunitException($"Signing in to {url} stopped at {page.Url}: {said[..Math.Min(said.Length, 400)]}");
        }
    }
}
