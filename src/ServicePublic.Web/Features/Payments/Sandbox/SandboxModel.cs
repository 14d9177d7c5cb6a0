namespace ServicePublic.Web.Features.Payments.Sandbox;

public sealed class SandboxOptions
{
    public const string Section = "Payments:Sandbox";

    /// <summary>Off unless configured: a production portal must never take the sandbox's word for a payment.</summary>
    public bool Enabled { get; set; }

    /// <summary>Signs callbacks (HMAC-SHA256). From configuration; a random one per process when absent (one instance only).</summary>
    public string? Secret { get; set; }

    /// <summary>How callbacks are delivered unless the tester picks otherwise on the checkout page.</summary>
    public SandboxDelivery Delivery { get; set; } = SandboxDelivery.Normal;

    /// <summary>The delay of a "late" callback.</summary>
    public int LateSeconds { get; set; } = 30;

    public int PollMilliseconds { get; set; } = 500;

    /// <summary>Callbacks older than this (by their signed timestamp) are refused as replays.</summary>
    public int SignatureToleranceSeconds { get; set; } = 300;

    /// <summary>Where callbacks go, when the portal cannot be reached at the address the payer used (behind a proxy).</summary>
    public string? CallbackBaseUrl { get; set; }
}

/// <summary>How the sandbox delivers its callbacks, to rehearse what real providers do.</summary>
public enum SandboxDelivery
{
    /// <summary>One callback, at once.</summary>
    Normal = 1,

    /// <summary>One callback, some time later.</summary>
    Late = 2,

    /// <summary>The same callback twice.</summary>
    Twice = 3,

    /// <summary>The final status first, then a stale "pending".</summary>
    OutOfOrder = 4,

    /// <summary>No callback at all: only the reconciliation job will learn the outcome.</summary>
    Lost = 5,
}

public enum SandboxStatus
{
    Pending = 1,
    Paid = 2,
    Declined = 3,
    Expired = 4,
    Refunded = 5,
}

/// <summary>The sandbox provider's own record of a transaction (as a real provider keeps on its side).</summary>
public sealed class SandboxTransaction
{
    public string Id { get; private set; } = "";
    public Guid MerchantReference { get; private set; }
    public long Amount { get; private set; }
    public PaymentMethod Method { get; private set; }
    public string? PhoneNumber { get; private set; }
    public string Description { get; private set; } = "";
    public string NotificationUrl { get; private set; } = "";
    public string ReturnUrl { get; private set; } = "";
    public SandboxStatus Status { get; private set; } = SandboxStatus.Pending;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    private SandboxTransaction()
    {
    }

    public SandboxTransaction(string id, Guid merchantReference, long amount, PaymentMethod method, string? phoneNumber, string description, string notificationUrl, string returnUrl, DateTimeOffset now)
    {
        Id = id;
        MerchantReference = merchantReference;
        Amount = amount;
        Method = method;
        PhoneNumber = phoneNumber;
        Description = description;
        NotificationUrl = notificationUrl;
        ReturnUrl = returnUrl;
        CreatedAt = now;
    }

    public bool Decide(SandboxStatus status, DateTimeOffset now)
    {
        if (Status != SandboxStatus.Pending)
        {
            return false;
        }
        Status = status;
        DecidedAt = now;
        return true;
    }

    public void Refund() => Status = SandboxStatus.Refunded;
}

/// <summary>A callback the sandbox will post (signed when sent), with its delivery attempts.</summary>
public sealed class SandboxNotification
{
    public long Id { get; private set; }
    public string TransactionId { get; private set; } = "";
    public string Url { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset DeliverAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public string? LastError { get; private set; }

    private SandboxNotification()
    {
    }

    public SandboxNotification(string transactionId, string url, string body, DateTimeOffset deliverAt)
    {
        TransactionId = transactionId;
        Url = url;
        Body = body;
        DeliverAt = deliverAt;
    }

    public void Delivered(DateTimeOffset now)
    {
        Attempts++;
        DeliveredAt = now;
        LastError = null;
    }

    /// <summary>Tries again later, backing off, up to eight attempts.</summary>
    public void Failed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        DeliverAt = Attempts >= 8 ? now.AddYears(100) : now.AddSeconds(Math.Pow(2, Attempts));
    }
}
