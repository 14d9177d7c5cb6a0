using System.Security.Cryptography;

namespace ServicePublic.Web.Domain.Requests;

/// <summary>
/// A request (dossier) filed by an account, for itself or one of its businesses, under one
/// procedure version. Its status changes only through its own methods, each checked against
/// <see cref="RequestTransitions"/> and recorded as a <see cref="RequestEvent"/>.
/// </summary>
public sealed partial class Request
{
    public const int TrackingNumberMaxLength = 20;
    public const int ReasonMaxLength = 2000;

    public Guid Id { get; private set; }
    public string? TrackingNumber { get; private set; }

    /// <summary>Printed on the confirmation; with the tracking number it shows the status at /suivi without an account.</summary>
    public string? CheckCode { get; private set; }

    public int ProcedureVersionId { get; private set; }

    /// <summary>The procedure as it stood when the request was started: its form, documents, fees and delay.</summary>
    public ProcedureVersion ProcedureVersion { get; private set; } = null!;
    public string ApplicantId { get; private set; } = "";
    public int? BusinessId { get; private set; }
    public RequestStatus Status { get; private set; } = RequestStatus.Draft;
    public Dictionary<string, string?> Answers { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>When the applicant filed it (left the draft), payment or not: "received" in the supervision room.</summary>
    public DateTimeOffset? FiledAt { get; private set; }

    /// <summary>When the office's clock started: at filing, or at the payment's confirmation when a fee was due.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    public string? AssignedClerkId { get; private set; }

    /// <summary>Answers replaced during corrections: the history of what was sent before stays.</summary>
    public List<ReplacedAnswer> ReplacedAnswers { get; private set; } = [];

    /// <summary>While AwaitingApplicant: the field keys the clerk asked to correct.</summary>
    public List<string> FieldsToCorrect { get; private set; } = [];

    public List<RequestEvent> Events { get; private set; } = [];
    public List<Attachment> Attachments { get; private set; } = [];
    public List<RequestMessage> Messages { get; private set; } = [];

    /// <summary>What the applicant may read: every message but the office's internal notes.</summary>
    public IEnumerable<RequestMessage> MessagesForApplicant => Messages.Where(m => !m.IsInternalNote).OrderBy(m => m.SentAt);

    /// <summary>
    /// A draft moved to a new version of its procedure when it was published: the version it was
    /// on, so that its page says what changed; cleared once the applicant saves it again.
    /// </summary>
    public int? MovedFromVersionId { get; private set; }

    /// <summary>PostgreSQL's xmin: two people changing the same request at once cannot both win.</summary>
    public uint Version { get; private set; }

    private Request()
    {
    }

    public static Request StartDraft(int procedureVersionId, string applicantId, int? businessId, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ProcedureVersionId = procedureVersionId,
        ApplicantId = applicantId,
        BusinessId = businessId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Who files it: a person, or a business (whose fee lines and form fields may differ).</summary>
    public Audience ApplicantKind => BusinessId is null ? Audience.Individuals : Audience.Companies;

    public bool IsEditableByApplicant => Status is RequestStatus.Draft or RequestStatus.AwaitingApplicant;

    /// <summary>Saves answers: any field in a draft; during a correction, only the fields asked for.</summary>
    public void SaveAnswers(IReadOnlyDictionary<string, string?> answers, DateTimeOffset now)
    {
        if (!IsEditableByApplicant)
        {
            throw new BusinessRuleException("Cette demande ne peut plus être modifiée.");
        }
        foreach (var (key, value) in answers)
        {
            if (!ApplicantMayChange(key))
            {
                continue;
            }
            var newValue = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            var oldValue = Answers.GetValueOrDefault(key);
            if (Status == RequestStatus.AwaitingApplicant && oldValue != newValue)
            {
                ReplacedAnswers.Add(new ReplacedAnswer(key, oldValue, now));
            }
            Answers[key] = newValue;
        }
        MovedFromVersionId = null;
        UpdatedAt = now;
    }

    /// <summary>The applicant writes to the office: once the request is filed, until it is decided.</summary>
    public RequestMessage WriteToOffice(string authorId, string body, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new BusinessRuleException("Les messages sont possibles entre le dépôt et la décision.");
        }
        return AddMessage(authorId, fromOffice: false, internalNote: false, body, now);
    }

    /// <summary>The office writes to the applicant, or leaves an internal note the applicant never sees.</summary>
    public RequestMessage WriteFromOffice(string clerkId, string body, bool internalNote, DateTimeOffset now) =>
        AddMessage(clerkId, fromOffice: true, internalNote, body, now);

    private RequestMessage AddMessage(string authorId, bool fromOffice, bool internalNote, string body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new BusinessRuleException("Écrivez votre message.", nameof(body));
        }
        if (body.Length > RequestMessage.BodyMaxLength)
        {
            throw new BusinessRuleException("Le message ne doit pas dépasser 4000 caractères.", nameof(body));
        }
        var message = new RequestMessage(authorId, fromOffice, internalNote, body.Trim(), now);
        Messages.Add(message);
        UpdatedAt = now;
        return message;
    }

    /// <summary>The document now attached to a file field, if any.</summary>
    public Attachment? CurrentAttachment(string fieldKey) => Attachments.FirstOrDefault(a => a.IsCurrent && a.FieldKey == fieldKey);

    /// <summary>Attaches (or replaces) the document of a file field; the same editing rules as answers apply.</summary>
    public Attachment Attach(string fieldKey, string fileName, string contentType, long size, string sha256, string storageKey, string uploadedById, DateTimeOffset now)
    {
        EnsureEditable(fieldKey);
        CurrentAttachment(fieldKey)?.Retire();
        var attachment = new Attachment(fieldKey, fileName, contentType, size, sha256, storageKey, uploadedById, now);
        Attachments.Add(attachment);
        UpdatedAt = now;
        return attachment;
    }

    public void RemoveAttachment(string fieldKey, DateTimeOffset now)
    {
        EnsureEditable(fieldKey);
        CurrentAttachment(fieldKey)?.Retire();
        UpdatedAt = now;
    }

    private void EnsureEditable(string fieldKey)
    {
        if (!ApplicantMayChange(fieldKey))
        {
            throw new BusinessRuleException("Cette demande ne peut plus être modifiée.");
        }
    }

    /// <summary>
    /// Files the draft. It gets its tracking number and check code at once (the payment page and
    /// the receipt carry them); with a fee due it then waits for the payment, otherwise it is
    /// submitted and gets its due date.
    /// </summary>
    public void Submit(string actorId, bool feeDue, Func<string> nextTrackingNumber, int? targetDays, DateTimeOffset now)
    {
        Move(feeDue ? RequestStatus.AwaitingPayment : RequestStatus.Submitted, RequestActor.Applicant, actorId, null, now);
        FiledAt = now;
        TrackingNumber ??= nextTrackingNumber();
        CheckCode ??= NewCheckCode();
        if (!feeDue)
        {
            StartClock(targetDays, now);
        }
    }

    /// <summary>The money is in: the request is submitted, and the office's clock starts.</summary>
    public void ConfirmPayment(string receiptNumber, int? targetDays, DateTimeOffset now)
    {
        Move(RequestStatus.Submitted, RequestActor.System, null, $"Paiement confirmé (reçu {receiptNumber})", now);
        StartClock(targetDays, now);
    }

    /// <summary>Gives the request to a clerk (taking it, or a supervisor assigning it); not a change of status.</summary>
    public void AssignTo(string clerkId, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new BusinessRuleException("Cette demande ne peut pas être attribuée dans son état actuel.");
        }
        AssignedClerkId = clerkId;
        UpdatedAt = now;
    }

    public void StartReview(string clerkId, DateTimeOffset now, string? comment = null)
    {
        Move(RequestStatus.InReview, RequestActor.Clerk, clerkId, comment, now);
        AssignedClerkId ??= clerkId;
    }

    public void AskForCorrection(string clerkId, IReadOnlyCollection<string> fieldKeys, string reason, DateTimeOffset now)
    {
        if (fieldKeys.Count == 0)
        {
            throw new BusinessRuleException("Indiquez les champs ou documents à corriger.", nameof(fieldKeys));
        }
        RequireReason(reason);
        Move(RequestStatus.AwaitingApplicant, RequestActor.Clerk, clerkId, reason, now);
        FieldsToCorrect = [.. fieldKeys];
    }

    public void Resubmit(string actorId, DateTimeOffset now)
    {
        Move(RequestStatus.InReview, RequestActor.Applicant, actorId, "Corrections envoyées", now);
        FieldsToCorrect = [];
    }

    public void Approve(string clerkId, string? comment, DateTimeOffset now)
    {
        if (comment?.Length > ReasonMaxLength)
        {
            throw new BusinessRuleException("Le commentaire ne doit pas dépasser 2000 caractères.", nameof(comment));
        }
        Move(RequestStatus.Approved, RequestActor.Clerk, clerkId, comment, now);
    }

    public void Reject(string clerkId, string reason, DateTimeOffset now)
    {
        RequireReason(reason);
        Move(RequestStatus.Rejected, RequestActor.Clerk, clerkId, reason, now);
    }

    public void Withdraw(string actorId, string? reason, DateTimeOffset now)
    {
        if (reason?.Length > ReasonMaxLength)
        {
            throw new BusinessRuleException("Le motif ne doit pas dépasser 2000 caractères.", nameof(reason));
        }
        Move(RequestStatus.Withdrawn, RequestActor.Applicant, actorId, reason, now);
    }

    private void Move(RequestStatus to, RequestActor actor, string? actorId, string? comment, DateTimeOffset now)
    {
        if (!RequestTransitions.IsAllowed(Status, to, actor))
        {
            throw new IllegalTransitionException(Status, to);
        }
        var from = Status;
        Events.Add(new RequestEvent(from, to, actorId, actor, comment, now));
        Status = to;
        UpdatedAt = now;
        Tick(from, to, actorId, now);
    }

    private void StartClock(int? targetDays, DateTimeOffset now)
    {
        SubmittedAt = now;
        DueAt = targetDays is null ? null : now.AddDays(targetDays.Value);
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BusinessRuleException("Indiquez le motif.", nameof(reason));
        }
        if (reason.Length > ReasonMaxLength)
        {
            throw new BusinessRuleException("Le motif ne doit pas dépasser 2000 caractères.", nameof(reason));
        }
    }

    /// <summary>Six characters without look-alikes (no 0/O, 1/I/L), easy to read out on the phone.</summary>
    private static string NewCheckCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(6, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }

    /// <summary>"TG-2026-00012345": the year and a number from a PostgreSQL sequence.</summary>
    public static string FormatTrackingNumber(int year, long sequence) => $"TG-{year}-{sequence:D8}";
}

/// <summary>An answer as it was before a correction replaced it.</summary>
public sealed record ReplacedAnswer(string FieldKey, string? Value, DateTimeOffset ReplacedAt);

/// <summary>One change of status: who, when, from, to, why. Never changed afterwards.</summary>
public sealed class RequestEvent
{
    public long Id { get; private set; }
    public Guid RequestId { get; private set; }
    public RequestStatus From { get; private set; }
    public RequestStatus To { get; private set; }
    public string? ActorId { get; private set; }
    public RequestActor Actor { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset At { get; private set; }

    private RequestEvent()
    {
    }

    internal RequestEvent(RequestStatus from, RequestStatus to, string? actorId, RequestActor actor, string? comment, DateTimeOffset at)
    {
        From = from;
        To = to;
        ActorId = actorId;
        Actor = actor;
        Comment = comment;
        At = at;
    }
}

public sealed class IllegalTransitionException(RequestStatus from, RequestStatus to)
    : InvalidOperationException($"A request cannot go from {from} to {to} this way.")
{
    public RequestStatus From { get; } = from;
    public RequestStatus To { get; } = to;
}
