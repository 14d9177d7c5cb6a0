namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// One field of a procedure's form. Plain settable properties: it is read from the seed JSON and
/// stored as JSON with the procedure version. Which settings apply to which type is checked by
/// <see cref="FormDefinition.Problems"/>.
/// </summary>
public sealed class FormField
{
    public const int KeyMaxLength = 60;
    public const int DefaultMinItems = 1;
    public const int DefaultMaxItems = 10;
    public const int MaxItemsLimit = 50;

    /// <summary>Stable machine name, lowercase a-z, 0-9 and '-', unique in the form; answers are stored under it.</summary>
    public string Key { get; set; } = "";

    /// <summary>The question, in French.</summary>
    public string Label { get; set; } = "";

    public FieldType Type { get; set; }
    public bool Required { get; set; }
    public string? Help { get; set; }

    /// <summary>Number: the unit shown after the input ("km²", "kW", "FCFA").</summary>
    public string? Unit { get; set; }

    /// <summary>Number: inclusive bounds.</summary>
    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    /// <summary>Date: inclusive bounds, "yyyy-MM-dd", "today", or days from today ("today-45d", "today+30d").</summary>
    public string? MinDate { get; set; }

    public string? MaxDate { get; set; }

    /// <summary>ShortText and LongText: bounds on the number of characters.</summary>
    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    /// <summary>ShortText: a regular expression the whole answer must match.</summary>
    public string? Pattern { get; set; }

    /// <summary>SingleChoice and MultipleChoice: the options, as shown and as stored.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>File: the <see cref="RequiredDocument.Name"/> this upload stands for.</summary>
    public string? DocumentName { get; set; }

    /// <summary>Whom the field concerns: a field for companies is hidden from an individual, and the reverse.</summary>
    public DocumentAudience AppliesTo { get; set; } = DocumentAudience.All;

    /// <summary>Shown, and checked, only when an earlier field's answer is a given value (the first form of <see cref="Conditions"/>).</summary>
    public FieldCondition? ShowWhen { get; set; }

    /// <summary>
    /// Shown, and checked, only when these hold: all of them or any, as <see cref="Match"/> says;
    /// none always holds. On a Section, they hide the fields up to the next Section. Null reads as
    /// none: a file may write it, and versions stored before conditions existed have none.
    /// </summary>
    public List<FieldCondition> Conditions { get; set => field = value ?? []; } = [];

    public ConditionMatch Match { get; set; }

    /// <summary>
    /// The key of the Group this field belongs to, which it follows (right after it or after its
    /// other members); answered once per block. Null for a field of the form itself.
    /// </summary>
    public string? Group { get; set; }

    /// <summary>Group: how many blocks the applicant fills in, at least (default 1) and at most (default 10, 50 at the very most).</summary>
    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }
}
