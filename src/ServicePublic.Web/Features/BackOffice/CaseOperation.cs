using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ServicePublic.Web.Features.BackOffice;

/// <summary>What a clerk does to a request, from its page or (the first three) from the queue in batches.</summary>
public enum CaseOperation
{
    Take,
    Assign,
    StartReview,
    AskForCorrection,
    Approve,
    Reject,
    Message,
    Note,
}

/// <summary>
/// The French word each operation is posted as (operation=prendre…). The same word ends its audit
/// action (request.prendre), which the journal and its readers already know: never rename one.
/// </summary>
public static class CaseOperations
{
    private static readonly Dictionary<CaseOperation, string> FormValues = new()
    {
        [CaseOperation.Take] = "prendre",
        [CaseOperation.Assign] = "attribuer",
        [CaseOperation.StartReview] = "instruire",
        [CaseOperation.AskForCorrection] = "corriger",
        [CaseOperation.Approve] = "approuver",
        [CaseOperation.Reject] = "rejeter",
        [CaseOperation.Message] = "message",
        [CaseOperation.Note] = "note",
    };

    private static readonly Dictionary<string, CaseOperation> ByFormValue = FormValues.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string FormValue(this CaseOperation operation) => FormValues[operation];

    /// <summary>What the audit trail calls the operation.</summary>
    public static string AuditAction(this CaseOperation operation) => operation switch
    {
        CaseOperation.Take => AuditActions.RequestTaken,
        CaseOperation.Assign => AuditActions.RequestAssigned,
        CaseOperation.StartReview => AuditActions.RequestReviewStarted,
        CaseOperation.AskForCorrection => AuditActions.RequestCorrectionRequested,
        CaseOperation.Approve => AuditActions.RequestApproved,
        CaseOperation.Reject => AuditActions.RequestRejected,
        CaseOperation.Message => AuditActions.RequestMessageSent,
        CaseOperation.Note => AuditActions.RequestNoteAdded,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a back-office operation."),
    };

    /// <summary>Exactly the posted words (case included); anything else is no operation.</summary>
    public static bool TryParse(string? formValue, out CaseOperation operation) => ByFormValue.TryGetValue(formValue ?? "", out operation);

    /// <summary>What the queue may apply to many requests at once: who handles them and starting their review, never a decision.</summary>
    public static bool IsBatch(this CaseOperation operation) => operation is CaseOperation.Take or CaseOperation.Assign or CaseOperation.StartReview;

    public static bool IsWriting(this CaseOperation operation) => operation is CaseOperation.Message or CaseOperation.Note;
}

/// <summary>Binds a posted French word to its <see cref="CaseOperation"/>; an unknown word binds to nothing (null).</summary>
public sealed class CaseOperationBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        if (CaseOperations.TryParse(bindingContext.ValueProvider.GetValue(bindingContext.ModelName).FirstValue, out var operation))
        {
            bindingContext.Result = ModelBindingResult.Success(operation);
        }
        return Task.CompletedTask;
    }
}

/// <summary>One operation and what the clerk typed with it: the colleague to assign, a reason, the fields to correct, a message.</summary>
public sealed record CaseCommand(CaseOperation Operation, string? Agent = null, string? Reason = null, IReadOnlyList<string>? Fields = null, string? Text = null)
{
    /// <summary>The inputs of the case page's forms a refusal is shown under.</summary>
    public const string ReasonInput = "motif";
    public const string TextInput = "texte";

    /// <summary>
    /// The form input a domain refusal is about, from the refusing method's parameter: a reason and
    /// the fields to correct are told under the reason (the checkboxes have no message of their own),
    /// a message's text under the text. Null: above the forms.
    /// </summary>
    public static string? InputOf(string? domainField) => domainField switch
    {
        "reason" or "comment" or "fieldKeys" => ReasonInput,
        "body" => TextInput,
        _ => null,
    };
}
