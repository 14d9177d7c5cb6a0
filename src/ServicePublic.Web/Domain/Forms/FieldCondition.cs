using System.Text.Json.Serialization;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>How a condition compares a field's answer with its value.</summary>
public enum ConditionOperator
{
    /// <summary>One of the answer's choices is the value, ignoring case. 0: conditions stored before operators existed.</summary>
    Equals = 0,

    /// <summary>Answered, and none of the answer's choices is the value.</summary>
    Differs,

    /// <summary>The answer is a number above the value.</summary>
    Greater,

    /// <summary>The answer is a number below the value.</summary>
    Less,

    /// <summary>The answer is a date strictly before the value, a date bound ("today-45d").</summary>
    Before,

    /// <summary>The answer is a date strictly after the value, a date bound.</summary>
    After,

    IsEmpty,
    IsNotEmpty,
}

/// <summary>Whether all of a list of conditions must hold, or any one.</summary>
public enum ConditionMatch
{
    All = 0,
    Any = 1,
}

/// <summary>
/// "Field <see cref="FieldKey"/>'s answer <see cref="Operator"/> <see cref="Value"/>". One reading
/// serves fields, eligibility rules and fees: it depends on the operator, not on the field's type.
/// In JSON, an Equals condition is written as conditions first were, <c>{"fieldKey": "k", "equals": "x"}</c>;
/// the others as <c>{"fieldKey": "k", "operator": "Before", "value": "today-45d"}</c>.
/// </summary>
public sealed class FieldCondition
{
    public string FieldKey { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ConditionOperator Operator { get; set; }

    /// <summary>What the answer is compared with: an option, "oui" or "non", a number, a date bound; empty for IsEmpty and IsNotEmpty.</summary>
    [JsonIgnore]
    public string Value { get; set; } = "";

    /// <summary>JSON only: <see cref="Value"/> under "equals", for the Equals operator.</summary>
    [JsonPropertyName("equals")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? JsonEquals
    {
        get => Operator == ConditionOperator.Equals ? Value : null;
        set => Value = value ?? "";
    }

    /// <summary>JSON only: <see cref="Value"/> under "value", for the other operators (none when empty).</summary>
    [JsonPropertyName("value")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? JsonValue
    {
        get => Operator == ConditionOperator.Equals || Value.Length == 0 ? null : Value;
        set => Value = value ?? "";
    }

    /// <summary>Whether the condition holds for <paramref name="answer"/>: trimmed, null when blank or when its field is not shown.</summary>
    public bool HoldsFor(string? answer, DateOnly today) => Operator switch
    {
        ConditionOperator.Equals => answer is not null && IsChosen(answer),
        ConditionOperator.Differs => answer is not null && !IsChosen(answer),
        ConditionOperator.Greater => CompareNumbers(answer) > 0,
        ConditionOperator.Less => CompareNumbers(answer) < 0,
        ConditionOperator.Before => CompareDates(answer, today) < 0,
        ConditionOperator.After => CompareDates(answer, today) > 0,
        ConditionOperator.IsEmpty => answer is null,
        ConditionOperator.IsNotEmpty => answer is not null,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="conditions"/> hold, all or any of them; none always holds.
    /// <paramref name="answerOf"/> gives a field's answer as <see cref="HoldsFor"/> takes it.
    /// </summary>
    public static bool Hold(IReadOnlyList<FieldCondition> conditions, ConditionMatch match, Func<string, string?> answerOf, DateOnly today)
    {
        bool Holds(FieldCondition c) => c.HoldsFor(answerOf(c.FieldKey), today);
        return conditions.Count == 0 || (match == ConditionMatch.Any ? conditions.Any(Holds) : conditions.All(Holds));
    }

    private bool IsChosen(string answer) => FormSubmission.Choices(answer).Contains(Value.Trim(), StringComparer.OrdinalIgnoreCase);

    private int? CompareNumbers(string? answer) =>
        answer is not null && FieldChecks.TryParseNumber(answer, out var number) && FieldChecks.TryParseNumber(Value, out var bound)
            ? number.CompareTo(bound) : null;

    private int? CompareDates(string? answer, DateOnly today) =>
        answer is not null && FieldChecks.TryParseDate(answer, out var date) && FieldChecks.TryResolveDate(Value.Trim(), today, out var bound)
            ? date.CompareTo(bound) : null;
}
