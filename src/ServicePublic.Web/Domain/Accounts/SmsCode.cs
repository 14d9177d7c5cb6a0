namespace ServicePublic.Web.Domain.Accounts;

/// <summary>
/// A code sent by SMS for one purpose (sign-in, confirming a phone, enrolling an authenticator), to
/// one number, for one account. Only a salted hash is stored; it works once, for five minutes, and
/// five wrong tries spend it. See Features/Accounts/SmsCodes.cs.
/// </summary>
public sealed class SmsCode
{
    public const int PurposeMaxLength = 30;
    public const int PhoneMaxLength = 20;

    public long Id { get; set; }
    public string Purpose { get; set; } = "";
    public string Phone { get; set; } = "";
    /// <summary>Null for a decoy: the code sent to the number typed at a sign-up whose address already had an account.</summary>
    public string? UserId { get; set; }

    /// <summary>Random, per code, so two equal codes never have the same hash.</summary>
    public byte[] Salt { get; set; } = [];
    public byte[] CodeHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Tries { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>
/// A count of events under a key (an action and a hashed identifier: an email, a phone number) until
/// <see cref="WindowEnds"/>; also a lock, while its window lasts. Kept in PostgreSQL so every web
/// node counts in the same place. See Infrastructure/Limits/RateCounters.cs.
/// </summary>
public sealed class RateCounter
{
    public const int KeyMaxLength = 100;

    public string Key { get; set; } = "";
    public int Count { get; set; }
    public DateTimeOffset WindowEnds { get; set; }
}
