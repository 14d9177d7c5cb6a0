namespace ServicePublic.Web.Domain.Catalogue;

/// <summary>What a version's fee lines add up to at filing: for the version itself and for the catalogue's projections of it.</summary>
public static class FeeTotals
{
    /// <summary>
    /// The sum of the flat items charged when filing, in XOF (ranges count their lower bound; items
    /// for one kind of applicant count for the cheaper one; items charged on a condition, not at all).
    /// </summary>
    public static long FlatTotal(IReadOnlyCollection<FeeItem> fees) =>
        FlatTotalFor(fees, DocumentAudience.All) + Math.Min(FlatTotalFor(fees, DocumentAudience.Individuals), FlatTotalFor(fees, DocumentAudience.Companies));

    /// <summary>True when the total is exact: no range, per-unit, variable, per-applicant or conditional item charged at filing.</summary>
    public static bool IsExact(IReadOnlyCollection<FeeItem> fees) =>
        fees.All(f => f.DueLater || (f.Kind == FeeKind.Flat && !f.IsRange && f.Amount is not null && f.AppliesTo == DocumentAudience.All && f.Conditions.Count == 0));

    public static bool IsFree(IReadOnlyCollection<FeeItem> fees) =>
        fees.Count == 0 || fees.All(f => f.Kind == FeeKind.Flat && f.Amount == 0);

    private static long FlatTotalFor(IReadOnlyCollection<FeeItem> fees, DocumentAudience audience) =>
        fees.Where(f => f.IsChargedAtFiling && f.AppliesTo == audience && f.Conditions.Count == 0).Sum(f => f.Amount!.Value);
}
