using System.Text.Json;
using ServicePublic.Web.Data.Seeding;
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
}
