using FluentValidation;
using FluentValidation.Results;
using static ServicePublic.Web.Domain.Forms.FormMessages;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// Checks a submission against a form definition. Each failure is named by the key of the answer
/// (a group member's by its block's, "associe-nom.2") and carries its <see cref="FormMessage"/> as
/// state; at most one per answer. Fields that are hidden (by a condition, a hidden section, or
/// because they do not apply to whom the request is for) and sections are not checked. Build one
/// per validation: date bounds are resolved when it is built.
/// </summary>
public sealed class FormValidator : AbstractValidator<FormSubmission>
{
    private readonly IReadOnlyList<FormField> _fields;
    private readonly DateOnly _today;
    private readonly Dictionary<FormField, FieldCheck[]> _checks;

    public FormValidator(IReadOnlyList<FormField> fields, DateOnly today)
    {
        _fields = fields;
        _today = today;
        _checks = fields.Distinct().ToDictionary(f => f, f => FieldChecks.For(f, today).ToArray());
        // One rule reads the whole submission (RuleFor(s => s), which FluentValidation compiles once
        // and keeps: a rule on s => s.Answer(key) was compiled again for every field of every
        // validation, the filing's largest CPU cost after password hashing under issue 13's mixed
        // load), and works out once which fields are shown rather than once per field.
        RuleFor(s => s).Custom((submission, context) =>
        {
            foreach (var (field, key) in Asked(submission))
            {
                if (MessageFor(field, key, submission) is { } message)
                {
                    context.AddFailure(Failure(key, message));
                }
            }
        });
    }

    /// <summary>
    /// The answers longer than their field takes (see <see cref="FieldChecks.MaxLength"/>), as
    /// failures next to their fields: every field's, and its blocks' for a group member, up to the
    /// group's maximum, shown or not, since they are checked before being saved.
    /// </summary>
    public static ValidationResult TooLong(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, string?> answers) =>
        new(fields.Select(f => (Field: f, f.Key))
            .Concat(fields.Where(f => f.Type == FieldType.Group).SelectMany(g => FormDefinition.Items(fields, g, FormDefinition.ItemBounds(g).Max)))
            .Where(a => answers.GetValueOrDefault(a.Key)?.Trim().Length > FieldChecks.MaxLength(a.Field))
            .Select(a => Failure(a.Key, new FormMessage(MaxLengthMessage, FieldChecks.MaxLength(a.Field)))));

    /// <summary>The fields shown, each with the key of its answer: a group's members once per block filled in.</summary>
    private IEnumerable<(FormField Field, string Key)> Asked(FormSubmission submission)
    {
        var shown = FormDefinition.ShownKeys(_fields, submission, _today);
        foreach (var field in _fields.Where(f => f.Group is null && f.Type != FieldType.Section && shown.Contains(f.Key)))
        {
            yield return (field, field.Key);
            if (field.Type == FieldType.Group)
            {
                foreach (var item in FormDefinition.Items(_fields, field, submission.ItemCount(field)).Where(i => shown.Contains(i.Field.Key)))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>What is wrong with the answer under <paramref name="key"/>: missing when required, else the first check it fails.</summary>
    private FormMessage? MessageFor(FormField field, string key, FormSubmission submission)
    {
        switch (field.Type)
        {
            case FieldType.File:
                return field.Required && !submission.HasFile(key) ? new(FileMessage) : null;
            case FieldType.Group:
                // A required group needs a block, even one whose minimum is 0.
                return field.Required && submission.ItemCount(field) == 0 ? new(RequiredMessage) : null;
        }
        if (submission.Answer(key) is not { } answer)
        {
            return field.Required ? new(RequiredMessage) : null;
        }
        // One message at a time: "Saisissez un nombre." says enough without "at least 1" after it.
        return _checks[field].FirstOrDefault(c => !c.IsValid(answer))?.Message;
    }

    private static ValidationFailure Failure(string key, FormMessage message) =>
        new(key, message.French) { ErrorCode = message.Template, CustomState = message };
}
