using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.UnitTests;

/// <summary>What a form's definition says of its conditions, next to the field that has them, for the editor who wrote them.</summary>
public sealed class ConditionProblemsTests
{
    private static List<FormField> With(FormField target) =>
    [
        Section("demande", "Votre demande"),
        Text("nom", "Nom"),
        Number("surface", "Surface", "m²", 0, null),
        Date("date-perte", "Date de la perte"),
        Choice("motif", "Motif", "Perte", "Vol"),
        YesNo("renouvellement", "Renouvellement ?"),
        new FormField { Key = "piece-statuts", Label = "Statuts", Type = FieldType.File, DocumentName = "Statuts" },
        target,
    ];

    private static FormField Target() => Text("cible", "Cible", required: false);

    public static TheoryData<string, FormField> Broken() => new()
    {
        { "« supérieur à » et « inférieur à » ne s'appliquent qu'aux nombres.", Target().When("nom", ConditionOperator.Greater, "3") },
        { "la valeur « dix » n'est pas un nombre.", Target().When("surface", ConditionOperator.Less, "dix") },
        { "la valeur « beaucoup » n'est pas un nombre.", Target().When("surface", ConditionOperator.Equals, "beaucoup") },
        { "« avant » et « après » ne s'appliquent qu'aux dates.", Target().When("surface", ConditionOperator.Before, "today") },
        { "« hier » n'est pas une date : aaaa-mm-jj, « today », ou « today-30d », « today+30d » (en jours).", Target().When("date-perte", ConditionOperator.After, "hier") },
        { "« égal à » et « différent de » comparent une date aaaa-mm-jj, pas « today » (« avant » et « après » acceptent « today-30d »).", Target().When("date-perte", ConditionOperator.Equals, "today") },
        { "la valeur « Incendie » n'est pas une option de « motif ».", Target().When("motif", ConditionOperator.Differs, "Incendie") },
        { "sur une question oui/non, la valeur doit être « oui » ou « non ».", Target().When("renouvellement", ConditionOperator.Equals, "yes") },
        { "la condition a besoin d'une valeur.", Target().When("nom", ConditionOperator.Differs, " ") },
        { "« est vide » et « n'est pas vide » ne prennent pas de valeur.", Target().When("nom", ConditionOperator.IsEmpty, "x") },
        { "la condition porte sur « plus-tard », qui n'est pas un champ précédent.", Target().When("plus-tard", ConditionOperator.IsNotEmpty) },
        { "la condition porte sur « cible », qui n'est pas un champ précédent.", Target().When("cible", ConditionOperator.IsNotEmpty) },
        { "une condition ne peut pas porter sur « demande » : ni sur une section, ni sur un groupe ou l'un de ses champs, ni sur un fichier.", Target().When("demande", ConditionOperator.IsNotEmpty) },
        { "une condition ne peut pas porter sur « piece-statuts » : ni sur une section, ni sur un groupe ou l'un de ses champs, ni sur un fichier.", Target().When("piece-statuts", ConditionOperator.IsEmpty) },
        { "l'opérateur 99 est inconnu.", Target().When("nom", (ConditionOperator)99, "x") },
        { "la combinaison 7 est inconnue : « All » (toutes les conditions) ou « Any » (l'une d'elles).", Matching(Target().When("nom", ConditionOperator.IsEmpty), (ConditionMatch)7) },
    };

    private static FormField Matching(FormField field, ConditionMatch match)
    {
        field.Match = match;
        return field;
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Definition_SaysWhatIsWrongWithACondition_NextToItsField(string expected, FormField target)
    {
        var problem = Assert.Single(FormDefinition.ProblemsByField(With(target)));

        Assert.Equal(new FormProblem("cible", expected), problem);
    }

    [Fact]
    public void Definition_AcceptsEachOperator_OnATypeItFits()
    {
        var target = Target()
            .When("nom", ConditionOperator.Equals, "Koffi").When("nom", ConditionOperator.Differs, "Ama")
            .When("surface", ConditionOperator.Greater, "10,5").When("surface", ConditionOperator.Less, "1 000").When("surface", ConditionOperator.Equals, "12")
            .When("date-perte", ConditionOperator.Before, "today-45d").When("date-perte", ConditionOperator.After, "2025-01-01")
            .When("date-perte", ConditionOperator.Differs, "2026-01-01").When("motif", ConditionOperator.Equals, "vol")
            .When("renouvellement", ConditionOperator.Differs, "non").When("motif", ConditionOperator.IsEmpty).When("surface", ConditionOperator.IsNotEmpty);
        target.Match = ConditionMatch.Any;

        Assert.Empty(FormDefinition.ProblemsByField(With(target)));
    }

    [Fact]
    public void Definition_ChecksShowWhen_AsACondition()
    {
        var problem = Assert.Single(FormDefinition.ProblemsByField(With(Target().ShownWhen("surface", "grande"))));

        Assert.Equal(new FormProblem("cible", "la valeur « grande » n'est pas un nombre."), problem);
    }

    [Fact]
    public void ConditionsOutsideTheForm_MayLookAtLaterFields_ButNotAtUnknownOnes()
    {
        List<FieldCondition> conditions =
        [
            new() { FieldKey = "cible", Operator = ConditionOperator.IsNotEmpty },
            new() { FieldKey = "inconnu", Operator = ConditionOperator.IsNotEmpty },
        ];

        var problems = FormDefinition.ConditionProblems(conditions, ConditionMatch.All, With(Target()));

        Assert.Equal(["la condition porte sur « inconnu », qui n'est pas un champ du formulaire."], problems);
    }
}
