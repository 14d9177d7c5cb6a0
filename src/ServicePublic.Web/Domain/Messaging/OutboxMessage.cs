namespace ServicePublic.Web.Domain.Messaging;

public enum MessageChannel
{
    Email = 1,
    Sms = 2,
}

public enum OutboxStatus
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>
/// An email or SMS to send. Written in the same transaction as the change it tells about;
/// a background job sends it, retrying with a growing delay, so a failed send loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    /// <summary>
    /// What a body becomes once delivered (or given up): bodies carry reset and confirmation links,
    /// sign-in codes, invitation tokens and check codes, which must not outlive their delivery in the
    /// database. Recipient, subject, channel and dates stay, as the record of what was sent.
    /// </summary>
    public const string ErasedBody = "[contenu effacé après envoi]";

    public long Id { get; private set; }
    public MessageChannel Channel { get; private set; }
    public string Recipient { get; private set; } = "";
    public string? Subject { get; private set; }
    public string Body { get; private set; } = "";
    public OutboxStatus Status { get; private set; } = OutboxStatus.Pending;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    private OutboxMessage()
    {
    }

    private OutboxMessage(MessageChannel channel, string recipient, string? subject, string body, DateTimeOffset now)
    {
        Channel = channel;
        Recipient = recipient;
        Subject = subject;
        Body = body;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public static OutboxMessage Email(string to, string subject, string body, DateTimeOffset now) =>
        new(MessageChannel.Email, to, subject, body, now);

    public static OutboxMessage Sms(string to, string body, DateTimeOffset now) =>
        new(MessageChannel.Sms, to, null, body, now);

    /// <summary>Delivered; the body is erased unless the outbox is where it is read (<paramref name="keepBody"/>: development and tests).</summary>
    public void MarkSent(DateTimeOffset now, bool keepBody = false)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        Attempts++;
        LastError = null;
        if (!keepBody)
        {
            Body = ErasedBody;
        }
    }

    /// <summary>Schedules another try (1, 2, 4… minutes later), or gives up after <see cref="MaxAttempts"/>.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            // Never to be delivered: its link or code has no reader left but whoever reads the table.
            Status = OutboxStatus.Failed;
            Body = ErasedBody;
            return;
        }
        NextAttemptAt = now.AddMinutes(Math.Pow(2, Attempts - 1));
    }
}
