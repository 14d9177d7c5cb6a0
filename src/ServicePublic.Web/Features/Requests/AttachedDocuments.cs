using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Features.Requests;

/// <summary>
/// A request's files under the question of the form they answer: <see cref="Label"/> is that
/// question (null for files of a question the form no longer asks, after a draft moved to a new
/// version); <see cref="Files"/> are the current file and those it replaced, oldest first.
/// </summary>
public sealed record AttachedDocument(string? Label, IReadOnlyList<Attachment> Files);

public static class AttachedDocuments
{
    /// <summary>
    /// The documents in the form's order: a list of file names alone did not say which was the
    /// RCCM and which the photos, for the applicant checking what they sent as for the clerk.
    /// </summary>
    public static IEnumerable<AttachedDocument> Of(IReadOnlyList<FormField> form, IEnumerable<Attachment> attachments)
    {
        var byField = attachments.OrderBy(a => a.UploadedAt).ToLookup(a => a.FieldKey);
        var asked = form.Where(f => f.Type == FieldType.File).ToList();
        foreach (var field in asked.Where(f => byField.Contains(f.Key)))
        {
            yield return new(field.Label, [.. byField[field.Key]]);
        }
        var others = byField.Where(g => asked.All(f => f.Key != g.Key)).SelectMany(g => g).ToList();
        if (others.Count > 0)
        {
            yield return new(null, others);
        }
    }
}
