using Microsoft.AspNetCore.Identity;

namespace ServicePublic.Web.Data.Seeding;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>The demo accounts' password: from configuration only (run.sh sets a documented value).</summary>
    public string? Password { get; set; }

    /// <summary>How many past requests <see cref="DemoHistorySeeder"/> invents (0: none; run.sh sets some).</summary>
    public int HistoryRequests { get; set; }
}

/// <summary>One demo account: who it is and what it may do.</summary>
public sealed record DemoAccount(string Email, string FullName, string Phone, string Role, string? MinistryCode = null, string? OfficeCode = null)
{
    public bool IsStaff => Roles.SecondFactor.Contains(Role);
}

/// <summary>
/// Creates one account per kind of user so that a tester can try every part of the portal.
/// Never in Production; creates what is missing and leaves existing accounts (and their
/// authenticator keys) alone, so running it twice changes nothing.
/// </summary>
public sealed class DemoAccountsSeeder(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    IHostEnvironment environment,
    IOptions<DemoOptions> options,
    TimeProvider clock,
    ILogger<DemoAccountsSeeder> logger)
{
    public const string BusinessName = "Société Demo Import-Export SARL";
    public const string BusinessNif = "1000123456";
    public const string BusinessOwnerEmail = "entreprise@demo.servicepublic.tg";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("citoyen@demo.servicepublic.tg", "Ama Koffi", "+22890000001", Roles.Citizen),
        new(BusinessOwnerEmail, "Kodjo Mensah", "+22890000002", Roles.Citizen),
        new("agent.mines@demo.servicepublic.tg", "Yawa Adjo", "+22890000003", Roles.Agent, "MDERM", "DGMG"),
        new("superviseur.mines@demo.servicepublic.tg", "Komi Lawson", "+22890000004", Roles.Supervisor, "MDERM"),
        new("admin@demo.servicepublic.tg", "Essi Amegah", "+22890000005", Roles.Administrator),
        new("redaction.mines@demo.servicepublic.tg", "Afi Dogbe", "+22890000006", Roles.Editor, "MDERM"),
        new("publication.mines@demo.servicepublic.tg", "Kossi Agbeko", "+22890000007", Roles.Publisher, "MDERM"),
        new("guichet.dgdn@demo.servicepublic.tg", "Edem Sossou", "+22890000008", Roles.Agent, "MSPC", "DGDN"),
        new("superviseur.dgdn@demo.servicepublic.tg", "Abla Tchalla", "+22890000009", Roles.Supervisor, "MSPC"),
    ];

    // Several app instances may start at once: one seeds, the others wait and find nothing to do.
    private const long AdvisoryLockKey = 0x5E_ED_DE_30;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (environment.IsProduction())
        {
            logger.LogWarning("Database:SeedDemoAccounts is set in Production: demo accounts are never created there");
            return;
        }
        var password = options.Value.Password;
        if (string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("Database:SeedDemoAccounts is set but Demo:Password is not: demo accounts skipped");
            return;
        }

        await db.SeedLockedAsync(AdvisoryLockKey, async ct =>
        {
            var created = 0;
            foreach (var account in Accounts)
            {
                created += await EnsureAccountAsync(account, password, ct) ? 1 : 0;
            }
            await EnsureBusinessAsync(ct);
            logger.LogInformation("Demo accounts seeded: {CreatedCount} created, {ExistingCount} already there",
                created, Accounts.Count - created);
        }, cancellationToken);
    }

    /// <summary>Creates the account if it is missing; returns whether it did.</summary>
    private async Task<bool> EnsureAccountAsync(DemoAccount account, string password, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(account.Email);
        var isNew = user is null;
        if (user is null)
        {
            var ministry = account.MinistryCode is null ? null
                : await db.Ministries.Include(m => m.Offices).FirstOrDefaultAsync(m => m.Code == account.MinistryCode, ct);
            if (account.MinistryCode is not null && ministry is null)
            {
                logger.LogWarning("Ministry {MinistryCode} not found (is the catalogue seeded?): demo account {Role} has none", account.MinistryCode, account.Role);
            }
            user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                PhoneNumber = account.Phone,
                PhoneNumberConfirmed = true,
                FullName = account.FullName,
                CreatedAt = clock.GetUtcNow(),
                MinistryId = ministry?.Id,
                OfficeId = ministry?.Offices.FirstOrDefault(o => o.Code == account.OfficeCode)?.Id,
            };
            Check(await users.CreateAsync(user, password), account);
            Check(await users.AddToRoleAsync(user, account.Role), account);
        }
        if (account.IsStaff)
        {
            // The key is made once: a tester who added it to an app keeps working codes.
            if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
            {
                Check(await users.ResetAuthenticatorKeyAsync(user), account);
            }
            if (!user.TwoFactorEnabled)
            {
                Check(await users.SetTwoFactorEnabledAsync(user, true), account);
            }
        }
        return isNew;
    }

    private async Task EnsureBusinessAsync(CancellationToken ct)
    {
        if (await db.Businesses.AnyAsync(b => b.Nif == BusinessNif, ct))
        {
            return;
        }
        var owner = await users.FindByEmailAsync(BusinessOwnerEmail);
        db.Businesses.Add(new Business(BusinessName, "SARL", BusinessNif, "TG-LFW-01-2024-B12-00123", "Lomé", owner!.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result, DemoAccount account)
    {
        if (!result.Succeeded)
        {
            // A password refused by the policy (12 characters at least, not a common one) lands here.
            throw new InvalidOperationException(
                $"Demo account {account.Email} could not be set up: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
