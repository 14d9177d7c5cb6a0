using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Domain.Payments;

/// <summary>When a fee line is paid.</summary>
public enum FeeTiming
{
    /// <summary>Charged online when the request is filed.</summary>
    Now = 1,

    /// <summary>Shown, paid later (e.g. a yearly surface fee paid at grant).</summary>
    Later = 2,

    /// <summary>No amount can be computed now (a quote, a range, a missing quantity): the office sets it.</summary>
    SetByOffice = 3,
}

/// <summary>One line of what a request costs: label, quantity × unit amount, and when it is paid.</summary>
public sealed record FeeLine(string Label, decimal Quantity, string? Unit, long? UnitAmount, long? Amount, FeeTiming Timing, string? Note, bool Refundable = false);

/// <summary>What a request costs, computed from its procedure version's fee items and its answers. Whole XOF.</summary>
public sealed record FeeQuote(IReadOnlyList<FeeLine> Lines)
{
    public IEnumerable<FeeLine> ChargedNow => Lines.Where(l => l.Timing == FeeTiming.Now);

    public long TotalNow => ChargedNow.Sum(l => l.Amount ?? 0);

    public long? TotalLater => Lines.Any(l => l.Timing == FeeTiming.Later)
        ? Lines.Where(l => l.Timing == FeeTiming.Later).Sum(l => l.Amount ?? 0)
        : null;

    public bool IsDueNow => TotalNow > 0;

    /// <summary>
    /// Flat items count once; per-unit items multiply the answer to their quantity field (rounded to the
    /// franc); items for another kind of applicant, and items whose conditions do not hold, are left
    /// out; ranges and variable items are set by the office; items due later are shown but not
    /// charged now. Answers count as the form shows them: a field hidden by a condition, or that
    /// does not concern the applicant, is empty. <paramref name="today"/> resolves conditions' dates.
    /// </summary>
    public static FeeQuote For(IEnumerable<FeeItem> fees, IReadOnlyList<FormField> form, IReadOnlyDictionary<string, string?> answers,
        Audience applicant, DateOnly today)
    {
        var answerOf = FormDefinition.ShownAnswers(form, new FormSubmission(answers, new HashSet<string>(), applicant), today);
        var lines = new List<FeeLine>();
        foreach (var fee in fees.Where(f => Concerns(f, applicant) && FieldCondition.Hold(f.Conditions, f.Match, answerOf, today)))
        {
            var timing = fee.DueLater ? FeeTiming.Later : FeeTiming.Now;
            switch (fee.Kind)
            {
                case FeeKind.Flat when fee.Amount is not null && !fee.IsRange:
                    lines.Add(new(fee.Label, 1, null, fee.Amount, fee.Amount, timing, fee.Note, fee.Refundable));
                    break;
                case FeeKind.PerUnit when fee.Amount is not null:
                    // Without a named quantity field there is nothing to multiply: the office sets the amount.
                    if (fee.QuantityField is { } key && answerOf(key) is { } text
                        && FieldChecks.TryParseNumber(text, out var quantity) && quantity > 0)
                    {
                        var amount = (long)Math.Round(quantity * fee.Amount.Value, MidpointRounding.AwayFromZero);
                        lines.Add(new(fee.Label, quantity, fee.Unit, fee.Amount, amount, timing, fee.Note, fee.Refundable));
                    }
                    else
                    {
                        lines.Add(new(fee.Label, 0, fee.Unit, fee.Amount, null, FeeTiming.SetByOffice, fee.Note));
                    }
                    break;
                default:
                    lines.Add(new(fee.Label, 1, fee.Unit, null, null, FeeTiming.SetByOffice, fee.Note));
                    break;
            }
        }
        return new FeeQuote(lines);
    }

    private static bool Concerns(FeeItem fee, Audience applicant) => fee.AppliesTo switch
    {
        DocumentAudience.Individuals => applicant != Audience.Companies,
        DocumentAudience.Companies => applicant != Audience.Individuals,
        _ => true,
    };
}
