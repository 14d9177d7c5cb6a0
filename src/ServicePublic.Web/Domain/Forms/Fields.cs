namespace ServicePublic.Web.Domain.Forms;

/// <summary>Short ways to write form fields in code (conventions, tests); seed forms are written as JSON.</summary>
public static class Fields
{
    public static FormField Section(string key, string label) => new() { Key = key, Label = label, Type = FieldType.Section };

    public static FormField Text(string key, string label, bool required = true) =>
        new() { Key = key, Label = label, Type = FieldType.ShortText, Required = required };

    public static FormField LongText(string key, string label, bool required = true) =>
        new() { Key = key, Label = label, Type = FieldType.LongText, Required = required };

    public static FormField Number(string key, string label, string? unit, decimal? min, decimal? max, bool required = true) =>
        new() { Key = key, Label = label, Type = FieldType.Number, Unit = unit, Min = min, Max = max, Required = required };

    /// <summary>Bounds are "yyyy-MM-dd", <see cref="FieldChecks.Today"/>, or days from it ("today-45d", "today+30d").</summary>
    public static FormField Date(string key, string label, string? min = null, string? max = null, bool required = true) =>
        new() { Key = key, Label = label, Type = FieldType.Date, MinDate = min, MaxDate = max, Required = required };

    /// <summary>A date that cannot be in the future: a birth, a loss, a decision.</summary>
    public static FormField PastDate(string key, string label, bool required = true) => Date(key, label, max: FieldChecks.Today, required: required);

    public static FormField Choice(string key, string label, params string[] options) =>
        new() { Key = key, Label = label, Type = FieldType.SingleChoice, Required = true, Options = [.. options] };

    public static FormField Choices(string key, string label, params string[] options) =>
        new() { Key = key, Label = label, Type = FieldType.MultipleChoice, Required = true, Options = [.. options] };

    public static FormField YesNo(string key, string label, bool required = true) =>
        new() { Key = key, Label = label, Type = FieldType.YesNo, Required = required };

    public static FormField Nif(string key, string label, bool required = true) =>
        new() { Key = key, Label = label, Type = FieldType.Nif, Required = required };

    public static FormField Rccm(string key, string label, bool required = true) =>
        new() { Key = key, Label = label, Type = FieldType.Rccm, Required = required };

    /// <summary>A repeatable group; its members follow it, made with <see cref="In"/>.</summary>
    public static FormField Group(string key, string label, int? minItems = null, int? maxItems = null) =>
        new() { Key = key, Label = label, Type = FieldType.Group, MinItems = minItems, MaxItems = maxItems };

    /// <summary>Makes the field a member of the group <paramref name="groupKey"/>.</summary>
    public static FormField In(this FormField field, string groupKey)
    {
        field.Group = groupKey;
        return field;
    }

    public static FormField ShownWhen(this FormField field, string fieldKey, string value)
    {
        field.ShowWhen = new FieldCondition { FieldKey = fieldKey, Value = value };
        return field;
    }

    /// <summary>Adds a condition to <see cref="FormField.Conditions"/>.</summary>
    public static FormField When(this FormField field, string fieldKey, ConditionOperator op, string value = "")
    {
        field.Conditions.Add(new FieldCondition { FieldKey = fieldKey, Operator = op, Value = value });
        return field;
    }
}
