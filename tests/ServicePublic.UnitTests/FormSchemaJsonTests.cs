using System.Text.Json;
using System.Text.Json.Nodes;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

/// <summary>
/// The procedure schema's new members as the seed files, the builder's import and its export
/// write them: each reads back as it was written, and what was written before still reads.
/// </summary>
public sealed class FormSchemaJsonTests
{
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, CatalogueFiles.JsonOptions);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, CatalogueFiles.JsonOptions)!;

    /// <summary>Serialize, read back, serialize again: the same JSON.</summary>
    private static string RoundTrip<T>(T value)
    {
        var json = Write(value);
        Assert.Equal(json, Write(Read<T>(json)));
        return json;
    }

    /// <summary>The same JSON, whatever the escaping (the writer escapes "+" and accents).</summary>
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

    [Fact]
    public void Condition_ReadsAsConditionsFirstWere_AsEquals()
    {
        var condition = Read<FieldCondition>("""{"fieldKey":"renouvellement","equals":"oui"}""");

        Assert.Equal(ConditionOperator.Equals, condition.Operator);
        Assert.Equal("oui", condition.Value);
        Assert.Equal("""{"fieldKey":"renouvellement","equals":"oui"}""", RoundTrip(condition));
    }

    [Theory]
    [InlineData(ConditionOperator.Before, "today-45d", """{"fieldKey":"k","operator":"Before","value":"today-45d"}""")]
    [InlineData(ConditionOperator.Differs, "Gaz", """{"fieldKey":"k","operator":"Differs","value":"Gaz"}""")]
    [InlineData(ConditionOperator.Greater, "10", """{"fieldKey":"k","operator":"Greater","value":"10"}""")]
    [InlineData(ConditionOperator.IsEmpty, "", """{"fieldKey":"k","operator":"IsEmpty"}""")]
    public void Condition_WritesOtherOperators_WithTheirValueUnderValue(ConditionOperator op, string value, string expected)
    {
        var json = RoundTrip(new FieldCondition { FieldKey = "k", Operator = op, Value = value });

        Assert.Equal(expected, json);
        Assert.Equal(value, Read<FieldCondition>(json).Value);
        Assert.Equal(op, Read<FieldCondition>(json).Operator);
    }

    [Fact]
    public void Field_RoundTripsItsConditionsAndMatch()
    {
        var field = Fields.Text("cible", "Cible").When("produits", ConditionOperator.Equals, "Gaz").When("quantite", ConditionOperator.Less, "3");
        field.Match = ConditionMatch.Any;

        var json = RoundTrip(field);
        var read = Read<FormField>(json);

        Assert.Contains("""
            "conditions":[{"fieldKey":"produits","equals":"Gaz"},{"fieldKey":"quantite","operator":"Less","value":"3"}],"match":"Any"
            """, json);
        Assert.Equal(ConditionMatch.Any, read.Match);
        Assert.Equal(["produits", "quantite"], read.Conditions.Select(c => c.FieldKey));
    }

    [Fact]
    public void Field_WithoutConditions_ReadsWithNone_AndNullReadsAsNone()
    {
        Assert.Empty(Read<FormField>("""{"key":"nom","label":"Nom","type":"ShortText"}""").Conditions);
        Assert.Empty(Read<FormField>("""{"key":"nom","label":"Nom","type":"ShortText","conditions":null}""").Conditions);
    }

    [Fact]
    public void Group_AndItsMembers_RoundTrip()
    {
        var json = RoundTrip(new[] { Fields.Group("associes", "Associés", 0, 5), Fields.Rccm("associe-rccm", "RCCM").In("associes") });
        var read = Read<FormField[]>(json);

        Assert.Contains("\"type\":\"Group\"", json);
        Assert.Contains("\"type\":\"Rccm\"", json);
        Assert.Equal((FieldType.Group, 0, 5), (read[0].Type, read[0].MinItems, read[0].MaxItems));
        Assert.Equal("associes", read[1].Group);
    }

    [Fact]
    public void Fee_RoundTripsItsConditions_AndReadsWithoutThem()
    {
        var fee = new FeeItem
        {
            Label = "Supplément urgence", Kind = FeeKind.Flat, Amount = 10_000, Match = ConditionMatch.Any,
            Conditions = [new() { FieldKey = "urgence", Value = "oui" }, new() { FieldKey = "date-souhaitee", Operator = ConditionOperator.Before, Value = "today+7d" }],
        };

        var json = RoundTrip(fee);

        AssertJson("""[{"fieldKey":"urgence","equals":"oui"},{"fieldKey":"date-souhaitee","operator":"Before","value":"today+7d"}]""", JsonNode.Parse(json)!["conditions"]);
        AssertJson("\"Any\"", JsonNode.Parse(json)!["match"]);
        Assert.Equal(ConditionOperator.Before, Read<FeeItem>(json).Conditions[1].Operator);
        Assert.Empty(Read<FeeItem>("""{"label":"Timbre","kind":"Flat","amount":1000}""").Conditions);
    }

    [Fact]
    public void EligibilityRule_RoundTrips()
    {
        var rule = new EligibilityRule
        {
            Message = "La recherche minière est suspendue depuis mai 2025.", Match = ConditionMatch.Any,
            Conditions = [new() { FieldKey = "substance", Value = "Or" }, new() { FieldKey = "superficie-km2", Operator = ConditionOperator.Greater, Value = "1000" }],
        };

        var json = RoundTrip(rule);
        var read = Read<EligibilityRule>(json);

        AssertJson("""{"conditions":[{"fieldKey":"substance","equals":"Or"},{"fieldKey":"superficie-km2","operator":"Greater","value":"1000"}],"match":"Any","message":"La recherche minière est suspendue depuis mai 2025."}""",
            JsonNode.Parse(json));
        Assert.Equal((rule.Message, ConditionMatch.Any, 2), (read.Message, read.Match, read.Conditions.Count));
    }

    [Fact]
    public void ProcedureEntry_RoundTripsItsEligibility_AndReadsWithoutIt()
    {
        var seeded = JsonNode.Parse(File.ReadAllText(Path.Combine(CatalogueFiles.DefaultFolder, "procedures.energie-mines.json")))!.AsArray()[0]!.ToJsonString();
        var entry = Read<CatalogueFiles.ProcedureEntry>(seeded);

        var json = RoundTrip(entry with { Eligibility = [new EligibilityRule { Message = "Suspendu.", Conditions = [new() { FieldKey = "objet", Operator = ConditionOperator.IsNotEmpty }] }] });

        Assert.Null(entry.Eligibility);
        Assert.Equal("Suspendu.", Assert.Single(Read<CatalogueFiles.ProcedureEntry>(json).Eligibility!).Message);
    }
}
