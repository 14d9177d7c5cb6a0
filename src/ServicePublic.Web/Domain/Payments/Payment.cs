using System.Security.Cryptography;

namespace ServicePublic.Web.Domain.Payments;

/// <summary>How the applicant pays; each method is served by the provider configuration names.</summary>
public enum PaymentMethod
{
    TMoney = 1,
    Flooz = 2,
    Card = 3,
}

/// <summary>Pending → Succeeded | Failed | Cancelled | Expired; a success may later be Refunded.</summary>
public enum PaymentStatus
{
    Pending = 1,
    Succeeded = 2,
    Failed = 3,
    Cancelled = 4,
    Expired = 5,
    Refunded = 6,
}

/// <summary>What a provider says about a payment, once verified (a signature checked, or its status API asked).</summary>
public enum ProviderOutcome
{
    Pending = 1,
    Paid = 2,
    Failed = 3,
    Cancelled = 4,
    Expired = 5,
}

/// <summary>A verified provider report: the outcome, the amount it saw, its references.</summary>
public sealed record ProviderReport(ProviderOutcome Outcome, long? Amount = null, string? ProviderReference = null, string? OperatorReference = null, string? Detail = null);

/// <summary>What applying a report did to a payment.</summary>
public enum ApplyResult
{
    /// <summary>The payment changed status.</summary>
    Applied = 1,

    /// <summary>Nothing new (a duplicate, a replay, or a stale "pending" after the end).</summary>
    Unchanged = 2,

    /// <summary>The provider saw another amount: flagged for a supervisor, not applied.</summary>
    AmountMismatch = 3,
}

/// <summary>
/// One attempt to pay a request's fees, with one provider. Its id is the idempotency key and
/// the identifier sent to the provider. Its status only moves forward: a late "pending" after
/// "paid" changes nothing, and a success is never undone except by a recorded refund.
/// </summary>
public sealed class Payment
{
    public const int PhoneMaxLength = 20;
    public const int ReferenceMaxLength = 100;

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public string PayerId { get; private set; } = "";
    public PaymentMethod Method { get; private set; }
    public string Provider { get; private set; } = "";
    public string? PhoneNumber { get; private set; }
    public long Amount { get; private set; }
    public List<PaymentLine> Lines { get; private set; } = [];
    public PaymentStatus Status { get; private set; } = PaymentStatus.Pending;

    /// <summary>The provider's transaction id: unique per provider.</summary>
    public string? ProviderReference { get; private set; }

    /// <summary>The mobile-money operator's or card network's own reference, when the provider gives it.</summary>
    public string? OperatorReference { get; private set; }

    /// <summary>Where the payer confirms (a checkout page), when the provider has one.</summary>
    public string? CheckoutUrl { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? FailureReason { get; private set; }

    /// <summary>Something a supervisor must look at (a wrong amount, money received after the request was paid or withdrawn).</summary>
    public string? Anomaly { get; private set; }

    public string? ReceiptNumber { get; private set; }

    /// <summary>Printed in the receipt's QR code: with it, anyone can check the receipt is genuine.</summary>
    public string? ReceiptCode { get; private set; }

    /// <summary>The next time the reconciliation job asks the provider (it leases the row until then).</summary>
    public DateTimeOffset? NextCheckAt { get; private set; }
    public int Checks { get; private set; }

    public DateTimeOffset? RefundedAt { get; private set; }
    public long? RefundedAmount { get; private set; }
    public string? RefundReference { get; private set; }
    public string? RefundNote { get; private set; }

    /// <summary>PostgreSQL's xmin.</summary>
    public uint Version { get; private set; }

    private Payment()
    {
    }

    public static Payment Start(Guid requestId, string payerId, PaymentMethod method, string provider, string? phoneNumber, IReadOnlyList<PaymentLine> lines, DateTimeOffset now)
    {
        var amount = lines.Sum(l => l.Amount);
        if (amount <= 0)
        {
            throw new BusinessRuleException("Rien n'est à payer pour cette demande.");
        }
        return new Payment
        {
            Id = Guid.NewGuid(),
            RequestId = requestId,
            PayerId = payerId,
            Method = method,
            Provider = provider,
            PhoneNumber = phoneNumber,
            Lines = [.. lines],
            Amount = amount,
            CreatedAt = now,
            UpdatedAt = now,
            NextCheckAt = now,
        };
    }

    public bool IsFinal => Status != PaymentStatus.Pending;

    /// <summary>The provider accepted the payment: its reference and, if any, the page where the payer confirms.</summary>
    public void Registered(string? providerReference, string? checkoutUrl, DateTimeOffset now)
    {
        ProviderReference ??= providerReference;
        CheckoutUrl = checkoutUrl;
        UpdatedAt = now;
    }

    /// <summary>
    /// Applies a verified provider report. Pending never comes back once the payment is over; a
    /// payment the portal gave up on (cancelled, expired, failed) that the provider reports as paid
    /// becomes a success, because the money was taken.
    /// </summary>
    public ApplyResult Apply(ProviderReport report, DateTimeOffset now)
    {
        if (report.Outcome == ProviderOutcome.Pending || Status is PaymentStatus.Succeeded or PaymentStatus.Refunded)
        {
            return ApplyResult.Unchanged;
        }
        if (report.Outcome == ProviderOutcome.Paid)
        {
            if (report.Amount is { } paid && paid != Amount)
            {
                var anomaly = $"Montant reçu du prestataire : {paid} FCFA, attendu : {Amount} FCFA.";
                if (Anomaly == anomaly)
                {
                    return ApplyResult.Unchanged;
                }
                Anomaly = anomaly;
                UpdatedAt = now;
                return ApplyResult.AmountMismatch;
            }
            Status = PaymentStatus.Succeeded;
            CompletedAt = now;
            FailureReason = null;
        }
        else if (IsFinal)
        {
            // Failed, cancelled or expired already: one ending is enough.
            return ApplyResult.Unchanged;
        }
        else
        {
            Status = report.Outcome switch
            {
                ProviderOutcome.Failed => PaymentStatus.Failed,
                ProviderOutcome.Cancelled => PaymentStatus.Cancelled,
                _ => PaymentStatus.Expired,
            };
            CompletedAt = now;
            FailureReason = report.Detail;
        }
        ProviderReference ??= report.ProviderReference;
        OperatorReference ??= report.OperatorReference;
        NextCheckAt = null;
        UpdatedAt = now;
        return ApplyResult.Applied;
    }

    /// <summary>The payer gives up on this attempt (to try another number or method).</summary>
    public void Cancel(string reason, DateTimeOffset now) => End(PaymentStatus.Cancelled, reason, now);

    /// <summary>Left pending too long: the portal stops waiting (a late success would still be applied).</summary>
    public void Expire(DateTimeOffset now) => End(PaymentStatus.Expired, "Paiement non confirmé dans les délais", now);

    private void End(PaymentStatus status, string reason, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending)
        {
            return;
        }
        Status = status;
        FailureReason = reason;
        CompletedAt = now;
        NextCheckAt = null;
        UpdatedAt = now;
    }

    public void Flag(string anomaly, DateTimeOffset now)
    {
        Anomaly = Anomaly is null ? anomaly : $"{Anomaly} {anomaly}";
        UpdatedAt = now;
    }

    public void IssueReceipt(string receiptNumber)
    {
        if (Status != PaymentStatus.Succeeded || ReceiptNumber is not null)
        {
            return;
        }
        ReceiptNumber = receiptNumber;
        ReceiptCode = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    }

    /// <summary>What goes back to the payer when the request is rejected: the lines marked refundable.</summary>
    public long RefundableAmount => Lines.Where(l => l.Refundable).Sum(l => l.Amount);

    public void Refund(long amount, string? reference, string note, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Succeeded)
        {
            throw new BusinessRuleException("Seul un paiement réussi peut être remboursé.");
        }
        Status = PaymentStatus.Refunded;
        RefundedAmount = amount;
        RefundedAt = now;
        RefundReference = reference;
        RefundNote = note;
        UpdatedAt = now;
    }

    /// <summary>"RC-2026-00000042": the year and a number from a PostgreSQL sequence.</summary>
    public static string FormatReceiptNumber(int year, long sequence) => $"RC-{year}-{sequence:D8}";
}

/// <summary>One line charged: label, quantity × unit amount = amount (whole XOF).</summary>
public sealed record PaymentLine(string Label, decimal Quantity, string? Unit, long UnitAmount, long Amount, bool Refundable = false);

/// <summary>A provider's callback exactly as received, kept whatever became of it.</summary>
public sealed class PaymentCallback
{
    public const int ContentTypeMaxLength = 100;

    public long Id { get; private set; }
    public string Provider { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public string? RemoteIp { get; private set; }
    public string ContentType { get; private set; } = "";
    public string Body { get; private set; } = "";

    /// <summary>The headers that carry a signature or an event id.</summary>
    public Dictionary<string, string> Headers { get; private set; } = [];

    public Guid? PaymentId { get; private set; }
    public string Outcome { get; private set; } = "";

    private PaymentCallback()
    {
    }

    public PaymentCallback(string provider, DateTimeOffset receivedAt, string? remoteIp, string contentType, string body, Dictionary<string, string> headers)
    {
        Provider = provider;
        ReceivedAt = receivedAt;
        RemoteIp = remoteIp;
        ContentType = contentType;
        Body = body;
        Headers = headers;
        Outcome = "Reçu";
    }

    public void Record(Guid? paymentId, string outcome)
    {
        PaymentId = paymentId;
        Outcome = outcome;
    }
}
