using Microsoft.AspNetCore.Identity;
using OtpNet;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.Web.Features.Development;

/// <summary>
/// Development only: the mail and SMS the portal would have sent, with each SMS's delivery state
/// and receipts to simulate, and the demo clerks' current authenticator codes, so a tester can
/// follow links and sign in without a phone. 404 elsewhere.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class DevMessagesController(
    IHostEnvironment environment,
    AppDbContext db,
    UserManager<ApplicationUser> users,
    SmsReceipts receipts,
    TimeProvider clock) : Controller
{
    public const int Count = 100;

    /// <summary>The provider's error a simulated failure reports.</summary>
    public const string SimulatedFailure = "échec simulé sur /dev/messages";

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

    /// <summary>
    /// A delivery receipt (delivered or failed), applied by the webhook's own code: a failed one
    /// sends the SMS again, at the outbox's next try.
    /// </summary>
    [HttpPost(DevelopmentPaths.Receipt)]
    public async Task<IActionResult> Receipt([FromForm(Name = "id")] string? id, [FromForm(Name = "status")] string? status, CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        if (!string.IsNullOrEmpty(id) && SmsReceipts.ParseStatus(status) is { } reported)
        {
            await receipts.ApplyAsync(id, reported, reported == SmsDelivery.Failed ? SimulatedFailure : null, ct);
        }
        return Redirect(DevelopmentPaths.Messages);
    }
}

public sealed record DemoAccountCode(DemoAccount Account, string? Code, int? SecondsLeft);

public sealed record DevMessagesPage(IReadOnlyList<OutboxMessage> Messages, IReadOnlyList<DemoAccountCode> DemoAccounts);
