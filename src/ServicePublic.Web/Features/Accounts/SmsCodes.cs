using System.Security.Cryptography;
using System.Text;
using ServicePublic.Web.Infrastructure.Limits;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>RateLimits:Sms — how many codes one number may be sent an hour; numbers outside Togo get less, and a budget of their own.</summary>
public sealed class SmsLimitOptions
{
    public const string Section = "RateLimits:Sms";

    public int PerNumberPerHour { get; set; } = 5;

    /// <summary>Per foreign number: an SMS abroad costs more, and invented foreign numbers are how SMS pumping bills a portal.</summary>
    public int ForeignPerNumberPerHour { get; set; } = 2;

    /// <summary>All foreign numbers together, so pumping through many numbers is bounded too.</summary>
    public int ForeignPerHour { get; set; } = 30;
}

/// <summary>What a refused code's form says (French keys, translated by the form's localizer).</summary>
public static class SmsCodeMessages
{
    public const string Wrong = "Ce code n'est pas valable. Vérifiez le dernier SMS reçu.";

    /// <summary>Wrong SMS codes lock the number, from any address or ticket.</summary>
    public const string NumberLocked = "Trop de codes erronés : ce numéro de téléphone est bloqué pendant 15 minutes. Réessayez ensuite avec un nouveau code.";

    public static string For(SmsCodeCheck check) => check == SmsCodeCheck.Locked ? NumberLocked : Wrong;
}

public enum SmsCodeCheck
{
    Accepted,
    Wrong,

    /// <summary>Too many wrong tries for this number: nothing is checked for 15 minutes.</summary>
    Locked,
}

/// <summary>
/// The codes the portal sends by SMS, stored in PostgreSQL (<c>sms_codes</c>) as salted hashes. A code
/// works once, for <see cref="LifetimeMinutes"/> minutes; <see cref="MaxTries"/> wrong tries lock the
/// phone number (not the ticket, the address or the node) for <see cref="LockMinutes"/> minutes.
/// Taking a code is one UPDATE … WHERE used_at IS NULL … RETURNING, so two nodes never both accept it.
/// </summary>
public sealed class SmsCodes(AppDbContext db, RateCounters counters, TimeProvider clock, IOptions<SmsLimitOptions> options, ILogger<SmsCodes> logger)
{
    /// <summary>Fixed, not a setting: the SMS texts say it.</summary>
    public const int LifetimeMinutes = 5;
    public const int MaxTries = 5;
    public const int LockMinutes = 15;

    public const string SignIn = "sign-in";
    public const string ConfirmPhone = "confirm-phone";
    public const string ChangePhone = "change-phone";
    public const string Enrolment = "enrol-authenticator";

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lock = TimeSpan.FromMinutes(LockMinutes);

    /// <summary>
    /// A new code for <paramref name="purpose"/> (without <paramref name="userId"/>: a decoy, see
    /// AccountDecoys), replacing the account's earlier ones, to be sent in
    /// the caller's SaveChanges; null when nothing may be sent (number locked, or over its hourly limits).
    /// </summary>
    public async Task<string?> IssueAsync(string purpose, string? userId, string phone)
    {
        if (await IsLockedAsync(phone) || !await MaySendAsync(phone))
        {
            logger.LogWarning("SMS code {Purpose} for account {UserId} not sent: number locked or over its limit", purpose, userId);
            return null;
        }
        var now = clock.GetUtcNow();
        await db.SmsCodes.Where(c => c.UserId == userId && c.Phone == phone && c.Purpose == purpose && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, now));
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        db.SmsCodes.Add(new SmsCode
        {
            Purpose = purpose,
            Phone = phone,
            UserId = userId,
            Salt = salt,
            CodeHash = Hash(salt, purpose, userId, phone, code),
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(LifetimeMinutes),
        });
        return code;
    }

    /// <summary>
    /// Checks (and on success uses up) the code typed for <paramref name="phone"/>. With no account
    /// (<paramref name="userId"/> null) only a decoy's code can match (see AccountDecoys; none is
    /// ever issued for a sign-in), and a wrong one counts towards the lock all the same, so a number
    /// without an account answers like one with an account.
    /// </summary>
    public async Task<SmsCodeCheck> CheckAsync(string purpose, string? userId, string phone, string code)
    {
        if (await IsLockedAsync(phone))
        {
            return SmsCodeCheck.Locked;
        }
        var now = clock.GetUtcNow();
        var spent = false;
        var live = await db.SmsCodes
            .Where(c => c.UserId == userId && c.Phone == phone && c.Purpose == purpose && c.UsedAt == null && c.ExpiresAt > now && c.Tries < MaxTries)
            .OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Salt }).FirstOrDefaultAsync();
        if (live is not null)
        {
            var hash = Hash(live.Salt, purpose, userId, phone, code);
            var taken = await db.Database.SqlQuery<long>($"""
                UPDATE sms_codes SET used_at = {now}
                WHERE id = {live.Id} AND code_hash = {hash} AND used_at IS NULL AND expires_at > {now} AND tries < {MaxTries}
                RETURNING id AS "Value"
                """).ToListAsync();
            if (taken.Count == 1)
            {
                await counters.ResetAsync(WrongTriesKey(phone));
                return SmsCodeCheck.Accepted;
            }
            var tries = await db.Database.SqlQuery<int>($"""
                UPDATE sms_codes SET tries = tries + 1 WHERE id = {live.Id} AND used_at IS NULL AND tries < {MaxTries}
                RETURNING tries AS "Value"
                """).ToListAsync();
            spent = tries is [>= MaxTries];
        }
        // Counted per number, not per code: asking for a new code does not give five more tries.
        if (spent || await counters.HitAsync(WrongTriesKey(phone), Lock) >= MaxTries)
        {
            await counters.LockAsync(LockKey(phone), Lock);
            logger.LogWarning("SMS codes of a number locked for {Minutes} minutes after {Tries} wrong tries ({Purpose})", LockMinutes, MaxTries, purpose);
            return SmsCodeCheck.Locked;
        }
        return SmsCodeCheck.Wrong;
    }

    public Task<bool> IsLockedAsync(string phone) => counters.IsLockedAsync(LockKey(phone));

    /// <summary>Counts this send against the number's hourly limits (and the foreign budget); false when over.</summary>
    private async Task<bool> MaySendAsync(string phone)
    {
        var limits = options.Value;
        if (await counters.HitAsync(RateCounters.Key("sms-sent", phone), Hour) > limits.PerNumberPerHour)
        {
            return false;
        }
        if (phone.StartsWith("+228", StringComparison.Ordinal))
        {
            return true;
        }
        return await counters.HitAsync(RateCounters.Key("sms-sent-foreign", phone), Hour) <= limits.ForeignPerNumberPerHour
            && await counters.HitAsync("sms-sent-foreign:all", Hour) <= limits.ForeignPerHour;
    }

    private static string LockKey(string phone) => RateCounters.Key("sms-locked", phone);

    private static string WrongTriesKey(string phone) => RateCounters.Key("sms-wrong", phone);

    /// <summary>HMAC with the code's own salt, over everything the code is for: a code for one purpose, account or number hashes differently for another.</summary>
    private static byte[] Hash(byte[] salt, string purpose, string? userId, string phone, string code) =>
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes($"{purpose}|{userId}|{phone}|{code.Trim()}"));
}
