using ServicePublic.Web.Infrastructure.Webhooks;

namespace ServicePublic.Web.Features.Telephone;

/// <summary>The SMS and USSD aggregator's settings (section <c>Telephony</c>).</summary>
public sealed class TelephoneOptions
{
    public const string Section = "Telephony";

    /// <summary>The header carrying <see cref="WebhookSignature"/> on every message the aggregator posts.</summary>
    public const string SignatureHeader = "X-ServicePublic-Signature";

    /// <summary>Shared with the aggregator; required in Production. Development draws one per process.</summary>
    public string? Secret { get; set; }

    /// <summary>Status questions a phone number may ask per hour, by SMS and USSD together.</summary>
    public int QuestionsPerHour { get; set; } = 10;
}

/// <summary>The secret inbound messages are signed with: configured, or drawn once per process.</summary>
public sealed class TelephoneSecret(IOptions<TelephoneOptions> options, ILogger<TelephoneSecret> logger)
{
    private readonly Lazy<string> _value = new(() => WebhookSignature.OrRandom(options.Value.Secret, logger, "Telephony:Secret"));

    public string Value => _value.Value;
}
