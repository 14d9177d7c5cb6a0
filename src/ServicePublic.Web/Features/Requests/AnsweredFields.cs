using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Features.Shared;

namespace ServicePublic.Web.Features.Requests;

/// <summary>One answer as a request's page lists it: the question (with its block for a repeatable group), the answer and its unit.</summary>
public sealed record AnsweredField(string Key, string Label, string Answer, string? Unit, FieldType Type)
{
    /// <summary>As a person reads it: a whole number grouped by thousands ("1 000 000 FCFA", not "1000000 FCFA"), with its unit.</summary>
    public string Shown =>
        (Type == FieldType.Number && FieldChecks.TryParseNumber(Answer, out var number) && number == decimal.Truncate(number) && Math.Abs(number) < long.MaxValue
            ? Format.Number((long)number)
            : Answer)
        + (Unit is null ? "" : " " + Unit);
}

public static class AnsweredFields
{
    /// <summary>The answers given, in the form's order; a repeatable group's, block by block ("Associés 2 — Nom").</summary>
    public static IEnumerable<AnsweredField> Of(IReadOnlyList<FormField> form, IReadOnlyDictionary<string, string?> answers)
    {
        foreach (var field in form.Where(f => f.Group is null && f.Type is not (FieldType.Section or FieldType.File)))
        {
            if (field.Type != FieldType.Group)
            {
                if (answers.GetValueOrDefault(field.Key) is { } answer)
                {
                    yield return new(field.Key, field.Label, answer, field.Unit, field.Type);
                }
                continue;
            }
            var members = FormDefinition.Members(form, field);
            for (var block = 1; block <= new FormSubmission(answers).ItemCount(field); block++)
            {
                foreach (var member in members)
                {
                    var key = FormDefinition.ItemKey(member.Key, block);
                    if (answers.GetValueOrDefault(key) is { } answer)
                    {
                        yield return new(key, $"{field.Label} {block} — {member.Label}", answer, member.Unit, member.Type);
                    }
                }
            }
        }
    }
}
