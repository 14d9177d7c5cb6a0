using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Domain.Payments;

namespace ServicePublic.UnitTests;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Answers(params (string Key, string? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>The quote for these answers, each to a Number field of the form.</summary>
    private static FeeQuote Quote(IEnumerable<FeeItem> fees, Dictionary<string, string?> answers, Audience applicant) =>
        FeeQuote.For(fees, [.. answers.Keys.Select(k => Fields.Number(k, k, null, null, null))], answers, applicant, DateOnly.FromDateTime(Now.UtcDateTime));

    [Fact]
    public void FlatItems_AreChargedOnce()
    {
        var quote = Quote([new FeeItem { Label = "Instruction", Kind = FeeKind.Flat, Amount = 500_000 }], Answers(), Audience.Companies);

        Assert.Equal(500_000, quote.TotalNow);
        Assert.True(quote.IsDueNow);
    }

    [Fact]
    public void PerUnitItems_MultiplyTheFormsQuantity_RoundedToTheFranc()
    {
        FeeItem[] fees =
        [
            new() { Label = "Frais de dossier", Kind = FeeKind.Flat, Amount = 100_000 },
            new() { Label = "Frais de laissez-passer", Kind = FeeKind.PerUnit, Amount = 10_000, Unit = "chargement", QuantityField = "nombre-chargements" },
            new() { Label = "Frais au m²", Kind = FeeKind.PerUnit, Amount = 100, Unit = "m² de surface de plancher", QuantityField = "surface-m2" },
        ];

        var quote = Quote(fees, Answers(("nombre-chargements", "3"), ("surface-m2", "120,555")), Audience.Both);

        Assert.Equal([100_000L, 30_000L, 12_056L], quote.ChargedNow.Select(l => l.Amount!.Value));
        Assert.Equal(142_056, quote.TotalNow);
    }

    [Fact]
    public void ASurfaceFeeDueAtGrant_IsComputedAndShown_ButNotChargedNow()
    {
        FeeItem[] fees =
        [
            new() { Label = "Frais d'instruction", Kind = FeeKind.Flat, Amount = 1_000_000 },
            new() { Label = "Redevance superficiaire", Kind = FeeKind.PerUnit, Amount = 75_000, Unit = "km² par an", DueLater = true, QuantityField = "superficie-km2" },
        ];

        var quote = Quote(fees, Answers(("superficie-km2", "12.5")), Audience.Companies);

        Assert.Equal(1_000_000, quote.TotalNow);
        var later = Assert.Single(quote.Lines, l => l.Timing == FeeTiming.Later);
        Assert.Equal(937_500, later.Amount);
        Assert.Equal(937_500, quote.TotalLater);
    }

    [Fact]
    public void VariableItems_RangesAndMissingQuantities_AreLeftToTheOffice()
    {
        FeeItem[] fees =
        [
            new() { Label = "Devis", Kind = FeeKind.Variable },
            new() { Label = "Fourchette", Kind = FeeKind.Flat, Amount = 10_000, Min = 10_000, Max = 50_000 },
            new() { Label = "Par feuille", Kind = FeeKind.PerUnit, Amount = 15_000, Unit = "feuille", QuantityField = "nombre-feuilles" },
        ];

        var quote = Quote(fees, Answers(), Audience.Individuals);

        Assert.All(quote.Lines, l => Assert.Equal(FeeTiming.SetByOffice, l.Timing));
        Assert.False(quote.IsDueNow);
    }

    [Fact]
    public void APerUnitItemWithoutAQuantityField_IsLeftToTheOffice_WhateverTheAnswers()
    {
        // The unit no longer implies a field: only the quantity field the procedure names counts.
        FeeItem[] fees = [new() { Label = "Redevance superficiaire", Kind = FeeKind.PerUnit, Amount = 75_000, Unit = "km² par an" }];

        var quote = Quote(fees, Answers(("superficie-km2", "12.5"), ("quantite", "3")), Audience.Companies);

        var line = Assert.Single(quote.Lines);
        Assert.Equal((FeeTiming.SetByOffice, (long?)null), (line.Timing, line.Amount));
    }

    [Theory]
    [InlineData(Audience.Individuals, 25_000)]
    [InlineData(Audience.Companies, 50_000)]
    public void ItemsForOneKindOfApplicant_AreChargedOnlyToIt(Audience applicant, long expected)
    {
        FeeItem[] fees =
        [
            new() { Label = "Commerçant", Kind = FeeKind.Flat, Amount = 25_000, AppliesTo = DocumentAudience.Individuals },
            new() { Label = "Société", Kind = FeeKind.Flat, Amount = 50_000, AppliesTo = DocumentAudience.Companies },
        ];

        Assert.Equal(expected, Quote(fees, Answers(), applicant).TotalNow);
    }

    private static Payment Pending() =>
        Payment.Start(Guid.NewGuid(), "payeur", PaymentMethod.TMoney, "sandbox", "+22890123456", [new PaymentLine("Frais", 1, null, 25_000, 25_000, Refundable: true)], Now);

    [Fact]
    public void APaymentNeverGoesBackwards()
    {
        var payment = Pending();

        var paid = payment.Apply(new ProviderReport(ProviderOutcome.Paid, 25_000), Now);
        var latePending = payment.Apply(new ProviderReport(ProviderOutcome.Pending), Now);
        var lateFailure = payment.Apply(new ProviderReport(ProviderOutcome.Failed), Now);
        var replay = payment.Apply(new ProviderReport(ProviderOutcome.Paid, 25_000), Now);

        Assert.Equal([ApplyResult.Applied, ApplyResult.Unchanged, ApplyResult.Unchanged, ApplyResult.Unchanged], new[] { paid, latePending, lateFailure, replay });
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void AWrongAmount_IsFlagged_AndNotApplied()
    {
        var payment = Pending();

        var result = payment.Apply(new ProviderReport(ProviderOutcome.Paid, 2_500), Now);

        Assert.Equal(ApplyResult.AmountMismatch, result);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.NotNull(payment.Anomaly);
    }

    [Fact]
    public void MoneyTakenAfterThePortalGaveUp_StillCountsAsPaid()
    {
        var payment = Pending();
        payment.Expire(Now);

        var result = payment.Apply(new ProviderReport(ProviderOutcome.Paid, 25_000), Now.AddHours(1));

        Assert.Equal((ApplyResult.Applied, PaymentStatus.Succeeded), (result, payment.Status));
    }

    [Fact]
    public void OnlyASuccessfulPaymentIsRefunded_AndNothingIsDueForAnEmptyBill()
    {
        var payment = Pending();

        Assert.Throws<BusinessRuleException>(() => payment.Refund(25_000, null, "x", Now));
        Assert.Throws<BusinessRuleException>(() => Payment.Start(Guid.NewGuid(), "payeur", PaymentMethod.Card, "sandbox", null, [], Now));
        payment.Apply(new ProviderReport(ProviderOutcome.Paid, 25_000), Now);
        payment.Refund(payment.RefundableAmount, "RF-1", "Rejet", Now);
        Assert.Equal((PaymentStatus.Refunded, 25_000L), (payment.Status, payment.RefundedAmount));
    }
}
