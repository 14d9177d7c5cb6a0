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

/// <summary>Where an SMS the provider accepted stands, by its delivery receipts (also the statuses a receipt reports).</summary>
public enum SmsDelivery
{
    /// <summary>Accepted by the provider; its receipt is awaited.</summary>
    Sent = 1,
    Delivered = 2,
    Failed = 3,
}

/// <summary>
/// An email or SMS to send. Written in the same transaction as the change it tells about;
/// a background job sends it, retrying with a growing delay, so a failed send loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    /// <summary>A longer provider id is not kept: a row that cannot be saved would be sent again at every round.</summary>
    public const int ProviderMessageIdMaxLength = 100;

    public const int ErrorMaxLength = 1000;

    /// <summary>What a failed receipt leaves as the error when the provider gave none.</summary>
    public const string FailedReceipt = "échec de remise signalé par l'opérateur";

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

    /// <summary>The provider's id for the last accepted send of an SMS: its delivery receipts name it.</summary>
    public string? ProviderMessageId { get; private set; }

    /// <summary>Null for emails and for SMS not yet accepted by the provider.</summary>
    public SmsDelivery? Delivery { get; private set; }

    /// <summary>When the last receipt that changed <see cref="Delivery"/> came.</summary>
    public DateTimeOffset? DeliveryReportedAt { get; private set; }

    /// <summary>The provider's reason for a failed delivery, if it gave one.</summary>
    public string? DeliveryError { get; private set; }

    /// <summary>
    /// An SMS the provider accepted under an id, whose receipt is still to come. Its body is kept
    /// meanwhile, so that a failed receipt can send it again; <c>OutboxRetention</c> erases it
    /// if no receipt comes within <c>Outbox:ReceiptWaitHours</c>.
    /// </summary>
    public bool AwaitsReceipt => Delivery == SmsDelivery.Sent && ProviderMessageId is not null;

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

    /// <summary>
    /// Accepted by the transport. An email's body is erased at once; an SMS's is kept while its receipt
    /// is awaited (<see cref="AwaitsReceipt"/>), unless the provider gave no id a receipt could name.
    /// <paramref name="keepBody"/>: the outbox is where it is read (development and tests).
    /// </summary>
    public void MarkSent(DateTimeOffset now, string? providerMessageId = null, bool keepBody = false)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        Attempts++;
        LastError = null;
        if (Channel == MessageChannel.Sms)
        {
            ProviderMessageId = providerMessageId is { Length: > 0 and <= ProviderMessageIdMaxLength } ? providerMessageId : null;
            Delivery = SmsDelivery.Sent;
            DeliveryReportedAt = null;
            DeliveryError = null;
        }
        if (!keepBody && !AwaitsReceipt)
        {
            Body = ErasedBody;
        }
    }

    /// <summary>Schedules another try (1, 2, 4… minutes later), or gives up after <see cref="MaxAttempts"/>.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        RetryOrGiveUp(error, now);
    }

    /// <summary>
    /// Applies the provider's delivery receipt for this SMS; false when it changes nothing. The
    /// same receipt twice changes nothing, "sent" never undoes a failure, and a delivered SMS stays
    /// delivered (it also ends a retry a failed receipt had scheduled). A failed one is sent again
    /// like a failed send — its attempt was counted when it was accepted — unless its body is
    /// already erased: then there is nothing left to send, and it is given up.
    /// </summary>
    public bool ApplyReceipt(SmsDelivery reported, string? error, DateTimeOffset now, bool keepBody = false)
    {
        if (Delivery is null or SmsDelivery.Delivered
            || (reported == Delivery && DeliveryReportedAt is not null)
            || (reported == SmsDelivery.Sent && Delivery == SmsDelivery.Failed))
        {
            return false;
        }
        Delivery = reported;
        DeliveryReportedAt = now;
        DeliveryError = reported == SmsDelivery.Failed && !string.IsNullOrWhiteSpace(error) ? Truncated(error) : null;
        if (reported == SmsDelivery.Delivered)
        {
            Status = OutboxStatus.Sent;
            if (!keepBody)
            {
                Body = ErasedBody;
            }
        }
        else if (reported == SmsDelivery.Failed)
        {
            RetryOrGiveUp(DeliveryError ?? FailedReceipt, now, canRetry: Body != ErasedBody);
        }
        return true;
    }

    private void RetryOrGiveUp(string error, DateTimeOffset now, bool canRetry = true)
    {
        LastError = Truncated(error);
        if (Attempts >= MaxAttempts || !canRetry)
        {
            // Never to be delivered: its link or code has no reader left but whoever reads the table.
            Status = OutboxStatus.Failed;
            Body = ErasedBody;
            return;
        }
        Status = OutboxStatus.Pending;
        NextAttemptAt = now.AddMinutes(Math.Pow(2, Attempts - 1));
    }

    private static string Truncated(string error) => error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
}
