using System.Linq.Expressions;

namespace ServicePublic.Web.Domain.Requests;

/// <summary>
/// What pages, the queue and its queries ask of a request: each rule written once here, its query
/// form (for EF) built from the same statuses, so a list and a page never disagree.
/// </summary>
public sealed partial class Request
{
    /// <summary>Filed and not decided yet: the office still owes an answer, and messages and assignment are possible.</summary>
    public static bool IsOpenStatus(RequestStatus status) => status is not RequestStatus.Draft && !RequestTransitions.IsDecided(status);

    private static readonly RequestStatus[] OpenStatuses = [.. Enum.GetValues<RequestStatus>().Where(IsOpenStatus)];

    public bool IsOpen => IsOpenStatus(Status);

    /// <summary>
    /// Open, with the office (not awaiting the applicant: the clock is stopped then) and past its due
    /// date; a request without one is never late. For rows projected from a query.
    /// </summary>
    public static bool IsOverdueAt(RequestStatus status, DateTimeOffset? dueAt, DateTimeOffset now) =>
        dueAt < now && IsOpenStatus(status) && status != RequestStatus.AwaitingApplicant;

    private static readonly RequestStatus[] WithTheOffice = [.. OpenStatuses.Where(s => s != RequestStatus.AwaitingApplicant)];

    /// <summary>Pass the injected clock's time: pages and the queue must agree on "now".</summary>
    public bool IsOverdue(DateTimeOffset now) => IsOverdueAt(Status, DueAt, now);

    /// <summary><see cref="IsOverdue"/> as a database filter.</summary>
    public static Expression<Func<Request, bool>> Overdue(DateTimeOffset now) => r => r.DueAt < now && WithTheOffice.Contains(r.Status);

    /// <summary><see cref="IsOpen"/> as a database filter.</summary>
    public static Expression<Func<Request, bool>> Open() => r => OpenStatuses.Contains(r.Status);

    /// <summary>Whether the applicant may change a field (answer or document): any in a draft; during a correction, only those asked for.</summary>
    public bool ApplicantMayChange(string fieldKey) =>
        Status == RequestStatus.Draft || (IsBeingCorrected && (FieldsToCorrect.Contains(fieldKey) || FieldsToCorrect.Contains(MemberKey(fieldKey))));

    // A repeatable group's answer "name.2" is corrected with its field, "name", in every block.
    private static string MemberKey(string answerKey) => answerKey.Split('.')[0];

    /// <summary>The office asked the applicant to correct it: the applicant may change the fields asked for, then send it back.</summary>
    public bool IsBeingCorrected => Status == RequestStatus.AwaitingApplicant;

    /// <summary>While the office waits for a correction: what it asked for (the comment of that move).</summary>
    public string? CorrectionReason => IsBeingCorrected
        ? Events.LastOrDefault(e => e.To == RequestStatus.AwaitingApplicant)?.Comment
        : null;
}
