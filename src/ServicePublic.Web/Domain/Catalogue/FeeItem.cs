using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Domain.Catalogue;

public enum FeeKind
{
    /// <summary>A fixed amount (or a range between Min and Max).</summary>
    Flat = 1,

    /// <summary>An amount per unit (per km² per year, per m²...), multiplied by a quantity.</summary>
    PerUnit = 2,

    /// <summary>No published amount: a quote, the applicant's expense...</summary>
    Variable = 3,
}

/// <summary>One line of a procedure's fees, in whole XOF (the franc CFA has no subunit).</summary>
public sealed class FeeItem
{
    public string Label { get; set; } = "";
    public FeeKind Kind { get; set; }
    public long? Amount { get; set; }
    public string? Unit { get; set; }

    /// <summary>Shown but not charged when filing (e.g. a yearly surface fee paid at grant).</summary>
    public bool DueLater { get; set; }

    public long? Min { get; set; }
    public long? Max { get; set; }
    public string? Note { get; set; }

    /// <summary>Given back when the request is rejected (the procedure's rules say so).</summary>
    public bool Refundable { get; set; }

    /// <summary>Whom this line concerns (e.g. 25 000 FCFA for a trader, 50 000 FCFA for a company).</summary>
    public DocumentAudience AppliesTo { get; set; }

    /// <summary>PerUnit: the key of the form's Number field holding the quantity; without one, the office sets the amount.</summary>
    public string? QuantityField { get; set; }

    /// <summary>
    /// The line applies only when these hold on the form's answers, all or any as <see cref="Match"/>
    /// says (a field not shown counts as empty); none: always. Null reads as none.
    /// </summary>
    public List<FieldCondition> Conditions { get; set => field = value ?? []; } = [];

    public ConditionMatch Match { get; set; }

    /// <summary>A flat amount known up front and charged at filing.</summary>
    public bool IsChargedAtFiling => Kind == FeeKind.Flat && !DueLater && Amount is not null;

    /// <summary>A flat item whose published amount is a range ("from X to Y").</summary>
    public bool IsRange => Kind == FeeKind.Flat && Max is not null && Max != Amount;
}
