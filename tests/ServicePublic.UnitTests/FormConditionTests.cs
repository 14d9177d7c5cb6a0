using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.UnitTests;

/// <summary>Which fields an applicant sees: each condition operator, all or any of several, and conditions on sections.</summary>
public sealed class FormConditionTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>Earlier fields a condition may look at; "quantite" is shown only for a renewal.</summary>
    private static List<FormField> Earlier() =>
    [
        YesNo("renouvellement", "Renouvellement ?"),
        Choices("produits", "Produits", "Gasoil", "Gaz"),
        Date("date-perte", "Date de la perte"),
        Number("quantite", "Quantité", null, null, null).ShownWhen("renouvellement", "oui"),
    ];

    private static bool Shown(List<FormField> form, string key, params (string Key, string? Value)[] answers) =>
        FormDefinition.ShownKeys(form, new FormSubmission(answers.ToDictionary(a => a.Key, a => a.Value)), Today).Contains(key);

    private static bool TargetShown(ConditionOperator op, string fieldKey, string value, string? answer) =>
        Shown([.. Earlier(), Text("cible", "Cible").When(fieldKey, op, value)], "cible", ("renouvellement", "oui"), (fieldKey, answer));

    [Theory]
    [InlineData(ConditionOperator.Equals, "produits", "gaz", "Gasoil\nGaz", true)]
    [InlineData(ConditionOperator.Equals, "produits", "Gaz", "Gasoil", false)]
    [InlineData(ConditionOperator.Equals, "produits", "Gaz", null, false)]
    [InlineData(ConditionOperator.Differs, "produits", "Gaz", "Gasoil", true)]
    [InlineData(ConditionOperator.Differs, "produits", "Gaz", "Gasoil\nGAZ", false)]
    [InlineData(ConditionOperator.Differs, "produits", "Gaz", " ", false)]
    [InlineData(ConditionOperator.Greater, "quantite", "10", "10,5", true)]
    [InlineData(ConditionOperator.Greater, "quantite", "10", "10", false)]
    [InlineData(ConditionOperator.Greater, "quantite", "10", "beaucoup", false)]
    [InlineData(ConditionOperator.Greater, "quantite", "10", null, false)]
    [InlineData(ConditionOperator.Less, "quantite", "10", "9.99", true)]
    [InlineData(ConditionOperator.Less, "quantite", "10", "1 000", false)]
    [InlineData(ConditionOperator.Before, "date-perte", "today-45d", "2026-10-08", true)]
    [InlineData(ConditionOperator.Before, "date-perte", "today-45d", "2026-10-09", false)]
    [InlineData(ConditionOperator.Before, "date-perte", "today-45d", null, false)]
    [InlineData(ConditionOperator.After, "date-perte", "today-45d", "2026-10-10", true)]
    [InlineData(ConditionOperator.After, "date-perte", "today-45d", "2026-10-09", false)]
    [InlineData(ConditionOperator.After, "date-perte", "2026-01-01", "10/10/2026", false)]
    [InlineData(ConditionOperator.IsEmpty, "quantite", "", "  ", true)]
    [InlineData(ConditionOperator.IsEmpty, "quantite", "", "3", false)]
    [InlineData(ConditionOperator.IsNotEmpty, "quantite", "", "3", true)]
    [InlineData(ConditionOperator.IsNotEmpty, "quantite", "", null, false)]
    public void Operator_ShowsTheField_OnlyWhenItHolds(ConditionOperator op, string fieldKey, string value, string? answer, bool shown)
    {
        Assert.Equal(shown, TargetShown(op, fieldKey, value, answer));
    }

    [Theory]
    [InlineData(ConditionOperator.Greater, "10", false)]
    [InlineData(ConditionOperator.Equals, "12", false)]
    [InlineData(ConditionOperator.IsNotEmpty, "", false)]
    [InlineData(ConditionOperator.IsEmpty, "", true)]
    [InlineData(ConditionOperator.Differs, "3", false)]
    public void Operator_CountsTheAnswerOfAHiddenField_AsEmpty(ConditionOperator op, string value, bool shown)
    {
        List<FormField> form = [.. Earlier(), Text("cible", "Cible").When("quantite", op, value)];

        // "quantite" is answered 12 but hidden: this is no renewal.
        Assert.Equal(shown, Shown(form, "cible", ("renouvellement", "non"), ("quantite", "12")));
    }

    [Theory]
    [InlineData(ConditionMatch.All, "Gaz", "12", true)]
    [InlineData(ConditionMatch.All, "Gaz", "5", false)]
    [InlineData(ConditionMatch.All, "Gasoil", "12", false)]
    [InlineData(ConditionMatch.Any, "Gasoil", "12", true)]
    [InlineData(ConditionMatch.Any, "Gaz", "5", true)]
    [InlineData(ConditionMatch.Any, "Gasoil", "5", false)]
    public void Conditions_HoldAllOrAny_AsTheFieldSays(ConditionMatch match, string product, string quantity, bool shown)
    {
        var target = Text("cible", "Cible").When("produits", ConditionOperator.Equals, "Gaz").When("quantite", ConditionOperator.Greater, "10");
        target.Match = match;

        Assert.Equal(shown, Shown([.. Earlier(), target], "cible", ("renouvellement", "oui"), ("produits", product), ("quantite", quantity)));
    }

    [Fact]
    public void Conditions_AndShowWhen_MustBothHold()
    {
        var target = Text("cible", "Cible").ShownWhen("renouvellement", "oui").When("produits", ConditionOperator.Equals, "Gaz");
        List<FormField> form = [.. Earlier(), target];

        Assert.True(Shown(form, "cible", ("renouvellement", "oui"), ("produits", "Gaz")));
        Assert.False(Shown(form, "cible", ("renouvellement", "non"), ("produits", "Gaz")));
        Assert.False(Shown(form, "cible", ("renouvellement", "oui"), ("produits", "Gasoil")));
    }

    private static List<FormField> CompanyForm() =>
    [
        YesNo("societe", "Pour une société ?"),
        Section("entreprise", "Votre entreprise").When("societe", ConditionOperator.Equals, FieldChecks.Yes),
        Text("raison-sociale", "Raison sociale"),
        Rccm("rccm", "N° RCCM"),
        Section("contact", "Contact"),
        Text("telephone", "Téléphone"),
    ];

    [Fact]
    public void SectionCondition_HidesTheSectionAndItsFields_UpToTheNextSection()
    {
        var shown = FormDefinition.ShownKeys(CompanyForm(), new FormSubmission(new Dictionary<string, string?> { ["societe"] = "non" }), Today);

        Assert.Equal(["contact", "societe", "telephone"], shown.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SectionCondition_LeavesItsFieldsUnchecked_WhileItHides()
    {
        var form = CompanyForm();
        var validator = new FormValidator(form, Today);

        var individual = validator.Validate(new FormSubmission(new Dictionary<string, string?> { ["societe"] = "non", ["telephone"] = "90 12 34 56" }));
        var company = validator.Validate(new FormSubmission(new Dictionary<string, string?> { ["societe"] = "oui", ["telephone"] = "90 12 34 56" }));

        Assert.True(individual.IsValid, string.Join("\n", individual.Errors));
        Assert.Equal(["raison-sociale", "rccm"], company.Errors.Select(e => e.PropertyName));
    }
}
