using System.Globalization;
using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

/// <summary>A form that edits a draft: it posts back the token of the draft it was read from (see <see cref="Workbench.Token"/>).</summary>
public interface IDraftForm
{
    uint Token { get; set; }
}

/// <summary>A new procedure: its title and where it belongs (an administrator also picks the ministry).</summary>
public sealed class NewProcedureForm
{
    public string? Title { get; set; }
    public string? Category { get; set; }
    public string? Office { get; set; }
    public string? Ministry { get; set; }
}

/// <summary>Every catalogue field of a procedure, as the "fiche" page posts it. Lists are one item per line.</summary>
public sealed class SheetForm : IDraftForm
{
    public uint Token { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public Audience Audience { get; set; } = Audience.Both;
    public string? AudienceConditions { get; set; }
    public string? Conditions { get; set; }
    public string? Steps { get; set; }
    public string? Office { get; set; }
    public string? Category { get; set; }
    public bool Online { get; set; }
    public string? DelayText { get; set; }
    public int? MinDays { get; set; }
    public int? MaxDays { get; set; }
    public string? Validity { get; set; }
    public string? LegalBasis { get; set; }

    public static SheetForm Of(ProcedureEntry e, uint token) => new()
    {
        Token = token, Title = e.Title, Summary = e.Summary, Description = e.Description, Audience = e.Audience,
        AudienceConditions = e.AudienceConditions, Conditions = string.Join("\n", e.Conditions), Steps = string.Join("\n", e.Steps),
        Office = e.Office, Category = e.Category, Online = e.Online, DelayText = e.ProcessingTime.Text,
        MinDays = e.ProcessingTime.MinDays, MaxDays = e.ProcessingTime.MaxDays, Validity = e.Validity, LegalBasis = e.LegalBasis,
    };

    public ProcedureEntry ApplyTo(ProcedureEntry e) => e with
    {
        Title = Text(Title), Summary = Text(Summary), Description = Text(Description), Audience = Audience,
        AudienceConditions = Optional(AudienceConditions), Conditions = LinesOf(Conditions), Steps = LinesOf(Steps),
        Office = Optional(Office), Category = Text(Category), Online = Online,
        ProcessingTime = new ProcessingTimeEntry(Text(DelayText), MinDays, MaxDays), Validity = Optional(Validity), LegalBasis = Optional(LegalBasis),
    };

    public static string Text(string? value) => value?.Trim() ?? "";

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static List<string> LinesOf(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>One row of the documents' table; a blank row at the end adds one.</summary>
public sealed class DocumentRow
{
    public string? Name { get; set; }
    public DocumentAudience AppliesTo { get; set; }
    public bool Required { get; set; } = true;
    public string? Note { get; set; }
    public bool Remove { get; set; }
}

public sealed class DocumentsForm : IDraftForm
{
    public uint Token { get; set; }
    public List<DocumentRow> Rows { get; set; } = [];

    public static DocumentsForm Of(ProcedureEntry e, uint token) => new()
    {
        Token = token,
        Rows = [.. e.Documents.Select(d => new DocumentRow { Name = d.Name, AppliesTo = d.AppliesTo, Required = d.Required, Note = d.Note }), new DocumentRow()],
    };

    public List<RequiredDocument> Documents() =>
        [.. Rows.Where(r => !r.Remove && !string.IsNullOrWhiteSpace(r.Name))
            .Select(r => new RequiredDocument { Name = r.Name!.Trim(), AppliesTo = r.AppliesTo, Required = r.Required, Note = SheetForm.Optional(r.Note) })];
}

/// <summary>A condition as a row of three inputs: the field it looks at, how, and the value.</summary>
public sealed class ConditionRow
{
    public string? FieldKey { get; set; }
    public ConditionOperator Operator { get; set; }
    public string? Value { get; set; }

    public static List<ConditionRow> Of(IEnumerable<FieldCondition> conditions, int rows) =>
        [.. conditions.Select(c => new ConditionRow { FieldKey = c.FieldKey, Operator = c.Operator, Value = c.Value })
            .Concat(Enumerable.Range(0, rows).Select(_ => new ConditionRow())).Take(Math.Max(rows, conditions.Count() + 1))];

    public static List<FieldCondition> Conditions(IEnumerable<ConditionRow> rows) =>
        [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.FieldKey))
            .Select(r => new FieldCondition { FieldKey = r.FieldKey!.Trim(), Operator = r.Operator, Value = r.Value?.Trim() ?? "" })];
}

public sealed class FeeRow
{
    public string? Label { get; set; }
    public FeeKind Kind { get; set; } = FeeKind.Flat;
    public long? Amount { get; set; }
    public string? Unit { get; set; }
    public string? QuantityField { get; set; }
    public DocumentAudience AppliesTo { get; set; }
    public bool DueLater { get; set; }
    public long? Min { get; set; }
    public long? Max { get; set; }
    public string? Note { get; set; }
    public bool Refundable { get; set; }
    public ConditionRow Condition { get; set; } = new();
    public bool Remove { get; set; }
}

public sealed class FeesForm : IDraftForm
{
    public uint Token { get; set; }
    public List<FeeRow> Rows { get; set; } = [];

    public static FeesForm Of(ProcedureEntry e, uint token) => new()
    {
        Token = token,
        Rows = [.. e.Fees.Select(f => new FeeRow
        {
            Label = f.Label, Kind = f.Kind, Amount = f.Amount, Unit = f.Unit, QuantityField = f.QuantityField, AppliesTo = f.AppliesTo,
            DueLater = f.DueLater, Min = f.Min, Max = f.Max, Note = f.Note, Refundable = f.Refundable,
            Condition = ConditionRow.Of(f.Conditions, 1)[0],
        }), new FeeRow()],
    };

    public List<FeeItem> Fees() =>
        [.. Rows.Where(r => !r.Remove && !string.IsNullOrWhiteSpace(r.Label)).Select(r => new FeeItem
        {
            Label = r.Label!.Trim(), Kind = r.Kind, Amount = r.Amount, Unit = SheetForm.Optional(r.Unit),
            QuantityField = r.Kind == FeeKind.PerUnit ? SheetForm.Optional(r.QuantityField) : null, AppliesTo = r.AppliesTo,
            DueLater = r.DueLater, Min = r.Min, Max = r.Max, Note = SheetForm.Optional(r.Note), Refundable = r.Refundable,
            Conditions = ConditionRow.Conditions([r.Condition]),
        })];
}

/// <summary>A new field at the end of the form (before the documents and the attestation): its type and question.</summary>
public sealed class NewFieldForm : IDraftForm
{
    public uint Token { get; set; }
    public FieldType Type { get; set; } = FieldType.ShortText;
    public string? Label { get; set; }
}

/// <summary>Every setting of one field; those that do not apply to its type are left empty.</summary>
public sealed class FieldForm : IDraftForm
{
    public uint Token { get; set; }
    public string? Label { get; set; }
    public FieldType Type { get; set; }
    public bool Required { get; set; }
    public string? Help { get; set; }
    public DocumentAudience AppliesTo { get; set; }
    public string? Unit { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public string? MinDate { get; set; }
    public string? MaxDate { get; set; }
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public string? Pattern { get; set; }
    public string? Options { get; set; }
    public int? MinItems { get; set; }
    public int? MaxItems { get; set; }
    public string? Group { get; set; }
    public ConditionMatch Match { get; set; }
    public List<ConditionRow> Conditions { get; set; } = [];

    public static FieldForm Of(FormField f, uint token) => new()
    {
        Token = token, Label = f.Label, Type = f.Type, Required = f.Required, Help = f.Help, AppliesTo = f.AppliesTo, Unit = f.Unit,
        Min = f.Min?.ToString(CultureInfo.InvariantCulture), Max = f.Max?.ToString(CultureInfo.InvariantCulture),
        MinDate = f.MinDate, MaxDate = f.MaxDate, MinLength = f.MinLength, MaxLength = f.MaxLength, Pattern = f.Pattern,
        Options = string.Join("\n", f.Options), MinItems = f.MinItems, MaxItems = f.MaxItems, Group = f.Group, Match = f.Match,
        Conditions = ConditionRow.Of(f.Conditions.Concat(f.ShowWhen is null ? [] : [f.ShowWhen]), 3),
    };

    /// <summary>Writes the settings onto <paramref name="field"/> (its key never changes); the numbers that do not read as numbers, by input name.</summary>
    public IReadOnlyList<string> ApplyTo(FormField field)
    {
        var unreadable = new List<string>();
        field.Label = SheetForm.Text(Label);
        field.Type = Type;
        field.Required = Required;
        field.Help = SheetForm.Optional(Help);
        field.AppliesTo = AppliesTo;
        field.Unit = SheetForm.Optional(Unit);
        field.Min = Number(Min, nameof(Min), unreadable);
        field.Max = Number(Max, nameof(Max), unreadable);
        field.MinDate = SheetForm.Optional(MinDate);
        field.MaxDate = SheetForm.Optional(MaxDate);
        field.MinLength = MinLength;
        field.MaxLength = MaxLength;
        field.Pattern = SheetForm.Optional(Pattern);
        field.Options = SheetForm.LinesOf(Options);
        field.MinItems = Type == FieldType.Group ? MinItems : null;
        field.MaxItems = Type == FieldType.Group ? MaxItems : null;
        field.Group = SheetForm.Optional(Group);
        field.Match = Match;
        field.ShowWhen = null;
        field.Conditions = ConditionRow.Conditions(Conditions);
        return unreadable;
    }

    private static decimal? Number(string? text, string name, List<string> unreadable)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (FieldChecks.TryParseNumber(text, out var value))
        {
            return value;
        }
        unreadable.Add(name);
        return null;
    }
}

/// <summary>The eligibility rules: each stops the applicant with the office's message when its conditions hold.</summary>
public sealed class RuleRow
{
    public ConditionMatch Match { get; set; }
    public List<ConditionRow> Conditions { get; set; } = [];
    public string? Message { get; set; }
    public bool Remove { get; set; }
}

public sealed class RulesForm : IDraftForm
{
    public uint Token { get; set; }
    public List<RuleRow> Rows { get; set; } = [];

    public static RulesForm Of(ProcedureEntry e, uint token) => new()
    {
        Token = token,
        Rows = [.. (e.Eligibility ?? []).Select(r => new RuleRow { Match = r.Match, Conditions = ConditionRow.Of(r.Conditions, 2), Message = r.Message }),
            new RuleRow { Conditions = ConditionRow.Of([], 2) }],
    };

    public List<EligibilityRule> Rules() =>
        [.. Rows.Where(r => !r.Remove && !string.IsNullOrWhiteSpace(r.Message))
            .Select(r => new EligibilityRule { Match = r.Match, Conditions = ConditionRow.Conditions(r.Conditions), Message = r.Message!.Trim() })];
}
