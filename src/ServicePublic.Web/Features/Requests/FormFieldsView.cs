using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Features.Requests;

/// <summary>
/// What the form's fields are drawn from, the same for an applicant's draft and an editor's
/// preview (Views/Shared/_FormFields.cshtml): the fields, the saved answers (a posted value wins,
/// from ModelState), which fields may change, the current upload of each File field, and, for
/// a preview, the fields shown by the conditions (null: every field, each conditional one with its note).
/// </summary>
public sealed record FormFieldsView(
    IReadOnlyList<FormField> Fields,
    IReadOnlyDictionary<string, string?> Answers,
    Func<FormField, bool> Editable,
    Func<string, Attachment?> Attachment,
    DateOnly Today,
    long MaxUploadMegabytes,
    IReadOnlySet<string>? Shown = null);
