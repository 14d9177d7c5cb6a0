using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.TestSupport;

/// <summary>Accounts for tests: created directly (confirmed), signed in through the real forms.</summary>
public static partial class TestAccounts
{
    public const string Password = "une phrase de passe solide";

    public static string NewEmail(string prefix = "usager") => $"{prefix}-{Guid.NewGuid():N}@exemple.tg";

    /// <summary>A Togolese mobile number no other test is likely to use.</summary>
    public static string NewPhone() => $"+2289{Random.Shared.Next(1000000, 9999999)}";

    public static async Task<ApplicationUser> CreateAsync(
        this PortalFactory portal, string? email = null, string[]? roles = null, string? phone = null,
        bool twoFactor = false, string? ministryCode = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        email ??= NewEmail();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PhoneNumber = phone,
            PhoneNumberConfirmed = phone is not null,
            FullName = "Afi Mensah",
            CreatedAt = DateTimeOffset.UtcNow,
            MinistryId = ministryCode is null ? null : (await db.Ministries.SingleAsync(m => m.Code == ministryCode)).Id,
        };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRolesAsync(user, roles ?? [Roles.Citizen]));
        if (twoFactor)
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
        return user;
    }

    public static async Task<string> AuthenticatorKeyAsync(this PortalFactory portal, ApplicationUser user)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id))!))!;
    }

    /// <summary>The current 6-digit code of an authenticator app holding <paramref name="key"/>.</summary>
    public static string TotpCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>A client that keeps cookies and does not follow redirects, from its own client IP (rate limits are per IP).</summary>
    public static HttpClient NewVisitor(this PortalFactory portal)
    {
        var client = portal.CreatePortalClient();
        client.DefaultRequestHeaders.Add(PortalFactory.ClientIpHeader, $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        return client;
    }

    /// <summary>Signs in through the sign-in form; returns the response to the form post.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = Password, string? returnUrl = null)
    {
        var page = await client.GetPageAsync("/compte/connexion" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        return await client.SubmitFormAsync(page, "form#signin", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
    }

    /// <summary>Signs in with password then authenticator code, as staff do.</summary>
    public static async Task SignInWithTotpAsync(this HttpClient client, PortalFactory portal, ApplicationUser user) =>
        await client.SignInWithTotpAsync(user.Email!, Password, await portal.AuthenticatorKeyAsync(user));

    /// <summary>Signs in with password then the current code of an authenticator app holding <paramref name="authenticatorKey"/> (also used by the benchmarks, against a running portal).</summary>
    public static async Task SignInWithTotpAsync(this HttpClient client, string email, string password, string authenticatorKey)
    {
        var first = await client.SignInAsync(email, password);
        if (first.StatusCode != HttpStatusCode.Redirect || first.Headers.Location?.OriginalString.Contains("deux-facteurs", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"Expected the second-factor step, got {(int)first.StatusCode} {first.Headers.Location}");
        }
        var page = await client.GetPageAsync(first.Headers.Location!.OriginalString);
        var response = await client.SubmitFormAsync(page, "form#two-factor", new Dictionary<string, string> { ["Code"] = TotpCode(authenticatorKey) });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Second factor refused: {(int)response.StatusCode}");
        }
    }

    /// <summary>The newest outbox message to <paramref name="recipient"/> (email or phone), or null.</summary>
    public static async Task<string?> LatestMessageAsync(this PortalFactory portal, string recipient)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.OutboxMessages.Where(m => m.Recipient == recipient).OrderByDescending(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync();
    }

    /// <summary>How many emails or SMS the outbox holds for <paramref name="recipient"/>.</summary>
    public static async Task<int> MessageCountAsync(this PortalFactory portal, string recipient)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.CountAsync(m => m.Recipient == recipient);
    }

    /// <summary>The first link to the portal in a message body, as a path and query.</summary>
    public static string LinkIn(string body) => new Uri(UrlIn(body)).PathAndQuery;

    /// <summary>The first absolute link in a message body, as written.</summary>
    public static string UrlIn(string body) => LinkPattern().Match(body).Value;

    /// <summary>The first run of 6 digits in a message (an SMS code).</summary>
    public static string CodeIn(string body) => SixDigits().Match(body).Value;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
