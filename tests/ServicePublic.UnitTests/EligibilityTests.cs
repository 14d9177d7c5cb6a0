using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.UnitTests;

/// <summary>Eligibility rules: the office's message when the answers show the request cannot be filed.</summary>
public sealed class EligibilityTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private const string Suspended = "La recherche minière est suspendue depuis mai 2025.";
    private const string TooLarge = "Au-delà de 1 000 km², déposez une demande de permis d'exploitation.";

    private static List<FormField> Form() =>
    [
        Choice("substance", "Substance", "Or", "Phosphate", "Calcaire"),
        Number("superficie-km2", "Superficie", "km²", 0, null),
        YesNo("renouvellement", "Renouvellement ?"),
        Date("date-permis", "Date du permis précédent").ShownWhen("renouvellement", "oui"),
    ];

    private static EligibilityRule Rule(string message, ConditionMatch match, params FieldCondition[] conditions) =>
        new() { Message = message, Match = match, Conditions = [.. conditions] };

    private static FieldCondition Condition(string key, ConditionOperator op, string value = "") => new() { FieldKey = key, Operator = op, Value = value };

    private static readonly List<EligibilityRule> Rules =
    [
        Rule(Suspended, ConditionMatch.All, Condition("substance", ConditionOperator.Equals, "Or")),
        Rule(TooLarge, ConditionMatch.Any, Condition("superficie-km2", ConditionOperator.Greater, "1000"), Condition("date-permis", ConditionOperator.Before, "today-3650d")),
    ];

    private static string? Refusal(params (string Key, string? Value)[] answers) =>
        FormDefinition.Refusal(Rules, Form(), new FormSubmission(answers.ToDictionary(a => a.Key, a => a.Value)), Today);

    [Fact]
    public void Refusal_IsTheMessageOfTheFirstRuleThatHolds()
    {
        Assert.Equal(Suspended, Refusal(("substance", "or"), ("superficie-km2", "5000")));
        Assert.Equal(TooLarge, Refusal(("substance", "Phosphate"), ("superficie-km2", "5000")));
        Assert.Equal(TooLarge, Refusal(("substance", "Phosphate"), ("renouvellement", "oui"), ("date-permis", "2010-01-01")));
    }

    [Fact]
    public void Refusal_IsNull_WhenNoRuleHolds_CountingHiddenFieldsAsEmpty()
    {
        Assert.Null(Refusal(("substance", "Calcaire"), ("superficie-km2", "12")));
        // The old permit's date is hidden when this is no renewal: it refuses nothing.
        Assert.Null(Refusal(("substance", "Calcaire"), ("renouvellement", "non"), ("date-permis", "2010-01-01")));
    }

    [Fact]
    public void Refusal_NeverComesFromARuleWithoutConditions()
    {
        List<EligibilityRule> rules = [new() { Message = "Toujours refusé." }];

        Assert.Null(FormDefinition.Refusal(rules, Form(), new FormSubmission(new Dictionary<string, string?>()), Today));
    }

    private static CatalogueFiles.ProcedureEntry Seeded() => CatalogueFiles.Load().Procedures.Single(p => p.Slug == "permis-recherche-miniere");

    [Fact]
    public void Rules_AreCopiedFromTheEntry_IntoTheVersion_WhichTheyMakeNew()
    {
        var procedure = new Procedure("permis", new Ministry("MDERM", "MDERM", "Ministère des mines", "…"), null, new Category("mines-carrieres", "Mines"));
        var rule = Rule(Suspended, ConditionMatch.All, Condition("substances", ConditionOperator.Equals, "or"));
        var entry = Seeded() with { Eligibility = [rule] };
        procedure.Publish(Seeded().ToContent(), DateTimeOffset.UnixEpoch);

        var version = procedure.Publish(entry.ToContent(), DateTimeOffset.UnixEpoch);

        Assert.Equal(2, version?.Number);
        Assert.Same(rule, Assert.Single(version!.Eligibility));
        Assert.Empty(Seeded().ToContent().Eligibility);
    }

    public static TheoryData<string, EligibilityRule> BrokenRules() => new()
    {
        { "une règle d'éligibilité a besoin d'au moins une condition.", Rule(Suspended, ConditionMatch.All) },
        { "le message de refus est vide.", Rule(" ", ConditionMatch.All, Condition("substances", ConditionOperator.IsNotEmpty)) },
        { "le message de refus dépasse 500 caractères.", Rule(new string('a', 501), ConditionMatch.All, Condition("substances", ConditionOperator.IsNotEmpty)) },
        { "la condition porte sur « substance », qui n'est pas un champ du formulaire.", Rule(Suspended, ConditionMatch.All, Condition("substance", ConditionOperator.Equals, "Or")) },
        { "« supérieur à » et « inférieur à » ne s'appliquent qu'aux nombres.", Rule(Suspended, ConditionMatch.Any, Condition("substances", ConditionOperator.Greater, "3")) },
        { "une condition ne peut pas porter sur « votre-demande » : ni sur une section, ni sur un groupe ou l'un de ses champs, ni sur un fichier.",
            Rule(Suspended, ConditionMatch.All, Condition("votre-demande", ConditionOperator.IsEmpty)) },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Catalogue_SaysWhatIsWrongWithARule_AtItsIndex(string expected, EligibilityRule broken)
    {
        var good = Rule(TooLarge, ConditionMatch.All, Condition("superficie-km2", ConditionOperator.Greater, "1000"));
        var entry = Seeded() with { Eligibility = [good, broken] };

        var problem = Assert.Single(CatalogueValidator.ProblemsOf(entry, CatalogueFiles.Load()));

        Assert.Equal(new EntryProblem("rule:1", expected), problem);
        Assert.Equal($"procédure « permis-recherche-miniere », règle d'éligibilité n° 2 : {expected}", Assert.Single(CatalogueValidator.Problems(entry, CatalogueFiles.Load())));
    }

    [Fact]
    public void Catalogue_LetsARuleLookAtAnyFieldOfTheForm()
    {
        var entry = Seeded() with { Eligibility = [Rule(Suspended, ConditionMatch.Any, Condition("objet", ConditionOperator.IsEmpty), Condition("superficie-km2", ConditionOperator.Less, "0,5"))] };

        Assert.Empty(CatalogueValidator.ProblemsOf(entry, CatalogueFiles.Load()));
    }
}
