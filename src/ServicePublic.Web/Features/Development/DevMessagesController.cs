using Microsoft.AspNetCore.Identity;
using OtpNet;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Messaging;

namespace ServicePublic.Web.Features.Development;

/// <summary>
/// Development only: the mail and SMS the portal would have sent, and the demo clerks' current
/// authenticator codes, so a tester can follow links and sign in without a phone. 404 elsewhere.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class DevMessagesController(
    IHostEnvironment environment,
    AppDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock) : Controller
{
    public const int Count = 100;

    [HttpGet(DevelopmentPaths.Messages)]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        var messages = await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(Count)
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var accounts = new List<DemoAccountCode>();
        foreach (var account in DemoAccountsSeeder.Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                continue;
            }
            var key = user.TwoFactorEnabled ? await users.GetAuthenticatorKeyAsync(user) : null;
            // Identity's authenticator codes are RFC 6238: SHA-1, 30-second steps, 6 digits (Otp.NET's defaults).
            var totp = string.IsNullOrEmpty(key) ? null : new Totp(Base32Encoding.ToBytes(key));
            accounts.Add(new DemoAccountCode(account, totp?.ComputeTotp(now), totp?.RemainingSeconds(now)));
        }
        return View(new DevMessagesPage(messages, accounts));
    }
}

public sealed record DemoAccountCode(DemoAccount Account, string? Code, int? SecondsLeft);

public sealed record DevMessagesPage(IReadOnlyList<OutboxMessage> Messages, IReadOnlyList<DemoAccountCode> DemoAccounts);
