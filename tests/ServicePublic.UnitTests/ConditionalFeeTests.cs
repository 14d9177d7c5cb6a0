using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Domain.Payments;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.UnitTests;

/// <summary>Fee lines charged only when the form's answers say so.</summary>
public sealed class ConditionalFeeTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static List<FormField> Form() =>
    [
        YesNo("urgence", "Traitement en urgence ?"),
        YesNo("transport", "Transport par vos soins ?"),
        Number("nombre-chargements", "Nombre de chargements", null, 1, null).ShownWhen("transport", "oui"),
        new FormField { Key = "capital", Label = "Capital", Type = FieldType.Number, AppliesTo = DocumentAudience.Companies },
    ];

    private static FieldCondition When(string key, ConditionOperator op, string value = "") => new() { FieldKey = key, Operator = op, Value = value };

    private static FeeItem Urgency() => new()
    {
        Label = "Supplément urgence", Kind = FeeKind.Flat, Amount = 10_000, Conditions = [When("urgence", ConditionOperator.Equals, "oui")],
    };

    private static FeeItem PerLoad() => new()
    {
        Label = "Laissez-passer", Kind = FeeKind.PerUnit, Amount = 5_000, Unit = "chargement", QuantityField = "nombre-chargements",
        Conditions = [When("transport", ConditionOperator.Equals, "oui")],
    };

    private static FeeQuote Quote(IEnumerable<FeeItem> fees, Audience applicant = Audience.Both, params (string Key, string? Value)[] answers) =>
        FeeQuote.For([new FeeItem { Label = "Frais de dossier", Kind = FeeKind.Flat, Amount = 2_000 }, .. fees], Form(),
            answers.ToDictionary(a => a.Key, a => a.Value), applicant, Today);

    [Fact]
    public void ConditionalFee_IsCharged_OnlyWhenItsConditionHolds()
    {
        Assert.Equal(12_000, Quote([Urgency()], answers: [("urgence", "oui")]).TotalNow);
        Assert.Equal(["Frais de dossier"], Quote([Urgency()], answers: [("urgence", "non")]).Lines.Select(l => l.Label));
    }

    [Fact]
    public void PerUnitFee_InsideACondition_MultipliesItsQuantity_WhenItHolds()
    {
        var charged = Quote([PerLoad()], answers: [("transport", "oui"), ("nombre-chargements", "3")]);
        var notCharged = Quote([PerLoad()], answers: [("transport", "non"), ("nombre-chargements", "3")]);

        Assert.Equal((3m, 15_000L, FeeTiming.Now), charged.Lines.Where(l => l.Label == "Laissez-passer").Select(l => (l.Quantity, l.Amount!.Value, l.Timing)).Single());
        Assert.Equal(2_000, notCharged.TotalNow);
        Assert.DoesNotContain(notCharged.Lines, l => l.Label == "Laissez-passer");
    }

    [Fact]
    public void PerUnitFee_LeavesAHiddenQuantity_ToTheOffice()
    {
        var fee = PerLoad();
        fee.Conditions.Clear();

        var line = Quote([fee], answers: [("transport", "non"), ("nombre-chargements", "3")]).Lines.Single(l => l.Label == "Laissez-passer");

        Assert.Equal((FeeTiming.SetByOffice, (long?)null), (line.Timing, line.Amount));
    }

    [Fact]
    public void FeeCondition_CountsAFieldThatDoesNotConcernTheApplicant_AsEmpty()
    {
        var fee = new FeeItem { Label = "Droit proportionnel", Kind = FeeKind.Flat, Amount = 50_000, Conditions = [When("capital", ConditionOperator.Greater, "1000000")] };

        Assert.Equal(52_000, Quote([fee], Audience.Companies, ("capital", "5000000")).TotalNow);
        Assert.Equal(2_000, Quote([fee], Audience.Individuals, ("capital", "5000000")).TotalNow);
    }

    [Theory]
    [InlineData(ConditionMatch.All, "oui", "non", 2_000)]
    [InlineData(ConditionMatch.All, "oui", "oui", 12_000)]
    [InlineData(ConditionMatch.Any, "oui", "non", 12_000)]
    [InlineData(ConditionMatch.Any, "non", "non", 2_000)]
    public void FeeConditions_HoldAllOrAny(ConditionMatch match, string urgency, string transport, long total)
    {
        var fee = Urgency();
        fee.Conditions.Add(When("transport", ConditionOperator.Equals, "oui"));
        fee.Match = match;

        Assert.Equal(total, Quote([fee], answers: [("urgence", urgency), ("transport", transport)]).TotalNow);
    }

    [Fact]
    public void CatalogueTotal_LeavesConditionalFeesOut_AndSaysItIsAMinimum()
    {
        FeeItem[] fees = [new() { Label = "Frais de dossier", Kind = FeeKind.Flat, Amount = 2_000 }, Urgency()];

        Assert.Equal(2_000, FeeTotals.FlatTotal(fees));
        Assert.False(FeeTotals.IsExact(fees));
        Assert.True(FeeTotals.IsExact(fees[..1]));
    }

    private static CatalogueFiles.ProcedureEntry Seeded(params FeeItem[] extra)
    {
        var entry = CatalogueFiles.Load().Procedures.Single(p => p.Slug == "permis-recherche-miniere");
        return entry with { Fees = [.. entry.Fees, .. extra] };
    }

    [Fact]
    public void Catalogue_SaysWhatIsWrongWithAFeesCondition_AtTheFeesIndex()
    {
        var fee = new FeeItem { Label = "Supplément", Kind = FeeKind.Flat, Amount = 1_000, Conditions = [When("superficie-km2", ConditionOperator.Before, "today")] };

        var problem = Assert.Single(CatalogueValidator.ProblemsOf(Seeded(fee), CatalogueFiles.Load()));

        Assert.Equal(new EntryProblem("fee:3", "« avant » et « après » ne s'appliquent qu'aux dates."), problem);
    }

    [Fact]
    public void Catalogue_LetsAFeesConditionLookAtAnyField_ButWantsItsQuantityOutsideGroups()
    {
        var entry = Seeded(new FeeItem { Label = "Supplément", Kind = FeeKind.Flat, Amount = 1_000, Conditions = [When("attestation", ConditionOperator.Equals, "oui")] });
        Assert.Empty(CatalogueValidator.ProblemsOf(entry, CatalogueFiles.Load()));

        var form = entry.Form.ToList();
        var area = form.FindIndex(f => f.Key == "superficie-km2");
        form.Insert(area, Group("blocs", "Blocs"));
        form[area + 1].Group = "blocs";

        Assert.Contains(new EntryProblem("fee:2", "le champ de quantité « superficie-km2 » fait partie d'un groupe : il a une réponse par bloc, pas une seule."),
            CatalogueValidator.ProblemsOf(entry with { Form = form }, CatalogueFiles.Load()));
    }
}
