using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.IntegrationTests.Accounts;

/// <summary>One message the portal queued, as its recipient will read it.</summary>
public sealed record SentMessage(string Recipient, string? Subject, string Body);

/// <summary>
/// Accounts in the states an attacker may meet (unconfirmed, locked, phone-only), the messages
/// queued since a moment, and answers compared as a visitor would see them.
/// </summary>
public static partial class AccountStates
{
    /// <summary>An account as the sign-up form leaves it before its email is confirmed.</summary>
    public static async Task<ApplicationUser> CreateUnconfirmedAsync(this PortalFactory portal, string? phone = null)
    {
        var user = await portal.CreateAsync(phone: phone);
        await portal.ChangeAsync(user.Id, u => u.EmailConfirmed = false);
        return user;
    }

    /// <summary>
    /// A citizen with a basic phone and no email, written directly: Identity's own validation
    /// (RequireUniqueEmail) wants an email, but such accounts are in the database and must keep working.
    /// </summary>
    public static async Task<ApplicationUser> CreatePhoneOnlyAsync(this PortalFactory portal, string phone)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new ApplicationUser
        {
            UserName = "tel" + phone.TrimStart('+'),
            NormalizedUserName = "TEL" + phone.TrimStart('+'),
            PhoneNumber = phone,
            PhoneNumberConfirmed = true,
            FullName = "Yawa Kodjo",
            CreatedAt = DateTimeOffset.UtcNow,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
        user.PasswordHash = users.PasswordHasher.HashPassword(user, TestAccounts.Password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        await users.AddToRoleAsync(user, Roles.Citizen);
        return user;
    }

    /// <summary>Locks the account for 15 minutes, as five wrong passwords would.</summary>
    public static Task LockAsync(this PortalFactory portal, ApplicationUser user) =>
        portal.ChangeAsync(user.Id, u => u.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15));

    public static async Task<ApplicationUser> ReloadAsync(this PortalFactory portal, ApplicationUser user)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
    }

    /// <summary>The id of the newest outbox message, to read what is queued after it.</summary>
    public static async Task<long> LastMessageIdAsync(this PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    public static async Task<List<SentMessage>> MessagesSinceAsync(this PortalFactory portal, long lastId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages
            .Where(m => m.Id > lastId).OrderBy(m => m.Id).Select(m => new SentMessage(m.Recipient, m.Subject, m.Body)).ToListAsync();
    }

    /// <summary>A message with its codes and links blanked: what stays the same from one sending to the next.</summary>
    public static string WithoutSecrets(string body) => Digits().Replace(TestAccounts.UrlIn(body) is { Length: > 0 } url ? body.Replace(url, "LINK", StringComparison.Ordinal) : body, "#");

    /// <summary>
    /// Status, redirect and page of an answer, with what differs on every request blanked (the
    /// antiforgery token, the encrypted ticket) and what the visitor typed replaced by a placeholder.
    /// </summary>
    public static async Task<string> NormalizedAsync(HttpResponseMessage response, params string[] typed)
    {
        var document = await Html.ParseAsync(response);
        foreach (var input in document.QuerySelectorAll("input[name=__RequestVerificationToken], input[name=Ticket]"))
        {
            input.SetAttribute("value", "");
        }
        var html = document.DocumentElement.OuterHtml;
        foreach (var value in typed.Where(v => v.Length > 0).OrderByDescending(v => v.Length))
        {
            html = html.Replace(value, "TYPED", StringComparison.Ordinal);
        }
        return $"{(int)response.StatusCode} {response.Headers.Location}\n{html}";
    }

    private static async Task ChangeAsync(this PortalFactory portal, string userId, Action<ApplicationUser> change)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        change(await db.Users.SingleAsync(u => u.Id == userId));
        await db.SaveChangesAsync();
    }

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();
}
