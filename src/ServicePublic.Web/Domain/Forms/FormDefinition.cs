using System.Text.RegularExpressions;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>Rules about a form as a whole: whether its definition holds together, and which fields an applicant sees.</summary>
public static partial class FormDefinition
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyFormat();

    /// <summary>
    /// What is wrong with a form definition, for whoever writes it (seed files, administrators):
    /// empty when the form can be shown and checked as written.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<FormField> fields) => [.. ProblemsByField(fields).Select(p => p.ToString())];

    /// <summary>The same problems, each with the field it is about, for callers that say where the form is.</summary>
    public static IReadOnlyList<FormProblem> ProblemsByField(IReadOnlyList<FormField> fields)
    {
        var problems = new List<FormProblem>();
        if (!fields.Any(f => f.Type != FieldType.Section))
        {
            problems.Add(new(null, "The form asks nothing: it has no field besides sections."));
        }
        var earlier = new Dictionary<string, FormField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var name = string.IsNullOrEmpty(field.Key) ? $"#{earlier.Count + 1}" : $"'{field.Key}'";
            problems.AddRange(ProblemsOf(field, earlier).Select(p => new FormProblem(name, p)));
            if (!string.IsNullOrEmpty(field.Key) && !earlier.TryAdd(field.Key, field))
            {
                problems.Add(new(name, "the key is used twice."));
            }
        }
        return problems;
    }

    private static IEnumerable<string> ProblemsOf(FormField field, IReadOnlyDictionary<string, FormField> earlier)
    {
        if (!KeyFormat().IsMatch(field.Key) || field.Key.Length > FormField.KeyMaxLength)
        {
            yield return $"the key must be lowercase a-z, 0-9 and '-', at most {FormField.KeyMaxLength} characters.";
        }
        if (string.IsNullOrWhiteSpace(field.Label))
        {
            yield return "the label is empty.";
        }
        if (!Enum.IsDefined(field.Type))
        {
            yield return $"unknown type {field.Type}.";
        }
        foreach (var problem in SettingProblems(field).Concat(ConditionProblems(field, earlier)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> SettingProblems(FormField field)
    {
        var type = field.Type;
        var isText = type is FieldType.ShortText or FieldType.LongText;
        var isChoice = type is FieldType.SingleChoice or FieldType.MultipleChoice;
        if (type == FieldType.Section && field.Required)
        {
            yield return "a section cannot be required.";
        }
        if (type != FieldType.Number && (field.Unit is not null || field.Min is not null || field.Max is not null))
        {
            yield return "unit, min and max are for Number fields.";
        }
        if (field.Min > field.Max)
        {
            yield return "min is above max.";
        }
        if (type != FieldType.Date && (field.MinDate is not null || field.MaxDate is not null))
        {
            yield return "minDate and maxDate are for Date fields.";
        }
        foreach (var bound in new[] { field.MinDate, field.MaxDate }.OfType<string>())
        {
            if (!FieldChecks.TryResolveDate(bound, DateOnly.MinValue, out _))
            {
                yield return $"date bound '{bound}' is neither yyyy-MM-dd nor '{FieldChecks.Today}'.";
            }
        }
        if (FieldChecks.TryParseDate(field.MinDate ?? "", out var minDate) && FieldChecks.TryParseDate(field.MaxDate ?? "", out var maxDate) && minDate > maxDate)
        {
            yield return "minDate is after maxDate.";
        }
        if (!isText && (field.MinLength is not null || field.MaxLength is not null))
        {
            yield return "minLength and maxLength are for text fields.";
        }
        if (field.MinLength < 0 || field.MaxLength < 1 || field.MinLength > field.MaxLength)
        {
            yield return "minLength and maxLength must satisfy 0 <= minLength <= maxLength, maxLength >= 1.";
        }
        if (field.Pattern is not null)
        {
            foreach (var problem in PatternProblems(field))
            {
                yield return problem;
            }
        }
        foreach (var problem in OptionProblems(field, isChoice))
        {
            yield return problem;
        }
        if (type == FieldType.File && string.IsNullOrWhiteSpace(field.DocumentName))
        {
            yield return "a File field needs the name of the document it stands for.";
        }
        if (type != FieldType.File && field.DocumentName is not null)
        {
            yield return "documentName is for File fields.";
        }
        if (!Enum.IsDefined(field.AppliesTo))
        {
            yield return $"unknown appliesTo {field.AppliesTo}.";
        }
    }

    private static IEnumerable<string> PatternProblems(FormField field)
    {
        if (field.Type != FieldType.ShortText)
        {
            yield return "a pattern is for ShortText fields.";
            yield break;
        }
        string? error = null;
        try
        {
            FieldChecks.Pattern(field.Pattern!);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            error = e.Message;
        }
        if (error is not null)
        {
            yield return $"the pattern is not a usable regular expression (no backreferences or lookarounds): {error}";
        }
    }

    private static IEnumerable<string> OptionProblems(FormField field, bool isChoice)
    {
        if (isChoice)
        {
            if (field.Options.Count < 2)
            {
                yield return "a choice needs at least two options.";
            }
            if (field.Options.Any(o => string.IsNullOrWhiteSpace(o) || o != o.Trim() || o.Contains(FormSubmission.ChoiceSeparator)))
            {
                yield return "options must be non-empty, without surrounding spaces or line breaks.";
            }
            if (field.Options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != field.Options.Count)
            {
                yield return "options must differ from one another.";
            }
        }
        else if (field.Type == FieldType.YesNo)
        {
            if (field.Options.Count > 0 && !FieldChecks.IsConfirmation(field))
            {
                yield return $"a YesNo takes no options, or [\"{FieldChecks.Yes}\"] alone for a confirmation.";
            }
        }
        else if (field.Options.Count > 0)
        {
            yield return "options are for choice fields.";
        }
    }
}
