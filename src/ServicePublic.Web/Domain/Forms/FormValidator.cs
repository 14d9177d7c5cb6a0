using FluentValidation;
using FluentValidation.Results;
using static ServicePublic.Web.Domain.Forms.FormMessages;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// Checks a submission against a form definition. Each failure is named by the field's key and
/// carries its <see cref="FormMessage"/> as state. Fields that are hidden (by a condition, or
/// because they do not apply to whom the request is for) and sections are not checked. Build one
/// per validation: "today" bounds are resolved when it is built.
/// </summary>
public sealed class FormValidator : AbstractValidator<FormSubmission>
{
    public FormValidator(IReadOnlyList<FormField> fields, DateOnly today)
    {
        foreach (var field in fields.Where(f => f.Type != FieldType.Section))
        {
            var key = field.Key;
            When(s => FormDefinition.ShownKeys(fields, s, today).Contains(key), () => AddRules(field, today));
        }
    }

    /// <summary>The answers longer than their field takes (see <see cref="FieldChecks.MaxLength"/>), as failures next to their fields.</summary>
    public static ValidationResult TooLong(IEnumerable<FormField> fields, IReadOnlyDictionary<string, string?> answers) =>
        new(fields.Where(f => answers.GetValueOrDefault(f.Key)?.Trim().Length > FieldChecks.MaxLength(f)).Select(TooLongFailure));

    private static ValidationFailure TooLongFailure(FormField field)
    {
        var message = new FormMessage(MaxLengthMessage, FieldChecks.MaxLength(field));
        return new ValidationFailure(field.Key, message.French) { ErrorCode = message.Template, CustomState = message };
    }

    // Every rule reads the whole submission (RuleFor(s => s)), which FluentValidation compiles once
    // and keeps: a rule on s => s.Answer(key) was compiled again for every field of every
    // validation (a validator is built per submission), the filing's largest CPU cost after
    // password hashing under issue 13's mixed load.
    private void AddRules(FormField field, DateOnly today)
    {
        var key = field.Key;
        if (field.Type == FieldType.File)
        {
            if (field.Required)
            {
                RuleFor(s => s).Must(s => s.HasFile(key)).Say(new FormMessage(FileMessage)).OverridePropertyName(key);
            }
            return;
        }

        if (field.Required)
        {
            RuleFor(s => s).Must(s => s.Answer(key) is not null).Say(new FormMessage(RequiredMessage)).OverridePropertyName(key);
        }
        // One message at a time: "Saisissez un nombre." says enough without "at least 1" after it.
        IRuleBuilder<FormSubmission, FormSubmission> rule = RuleFor(s => s).Cascade(CascadeMode.Stop);
        foreach (var check in FieldChecks.For(field, today))
        {
            rule = rule.Must(s => s.Answer(key) is not { } answer || check.IsValid(answer)).Say(check.Message).OverridePropertyName(key);
        }
    }
}
