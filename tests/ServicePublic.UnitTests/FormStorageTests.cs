using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

/// <summary>How a version's form is mapped: checked on the model, without a database.</summary>
public sealed class FormStorageTests
{
    [Fact]
    public void Form_IsStoredAsJson_InTheVersionsFormColumn()
    {
        var field = Model().FindEntityType(typeof(ProcedureVersion))!.FindNavigation(nameof(ProcedureVersion.Form))!.TargetEntityType;

        Assert.True(field.IsMappedToJson());
        Assert.Equal("form", field.GetContainerColumnName());
        Assert.True(field.FindNavigation(nameof(FormField.ShowWhen))!.TargetEntityType.IsMappedToJson());
        Assert.NotNull(field.FindProperty(nameof(FormField.Options)));
    }

    [Fact]
    public void Conditions_AreStoredInsideTheForm_WithTheirValueUnderEquals_AndNotTheirJsonAliases()
    {
        var field = Model().FindEntityType(typeof(ProcedureVersion))!.FindNavigation(nameof(ProcedureVersion.Form))!.TargetEntityType;
        var conditions = field.FindNavigation(nameof(FormField.Conditions))!;

        AssertStoredCondition(conditions.TargetEntityType);
        AssertStoredCondition(field.FindNavigation(nameof(FormField.ShowWhen))!.TargetEntityType);
        // Read through the setter, which makes the null of a version stored before conditions existed empty.
        Assert.Equal(PropertyAccessMode.Property, conditions.GetPropertyAccessMode());
        Assert.NotNull(field.FindProperty(nameof(FormField.Match)));
    }

    [Fact]
    public void EligibilityRules_AreStoredAsJson_InTheirOwnColumn_WithTheirConditions()
    {
        var version = Model().FindEntityType(typeof(ProcedureVersion))!;
        var rules = version.FindNavigation(nameof(ProcedureVersion.Eligibility))!;

        Assert.True(rules.TargetEntityType.IsMappedToJson());
        Assert.Equal("eligibility", rules.TargetEntityType.GetContainerColumnName());
        Assert.Equal(PropertyAccessMode.Property, rules.GetPropertyAccessMode());
        AssertStoredCondition(rules.TargetEntityType.FindNavigation(nameof(EligibilityRule.Conditions))!.TargetEntityType);
    }

    [Fact]
    public void FeeConditions_AreStoredInsideTheFees()
    {
        var fee = Model().FindEntityType(typeof(ProcedureVersion))!.FindNavigation(nameof(ProcedureVersion.Fees))!.TargetEntityType;
        var conditions = fee.FindNavigation(nameof(FeeItem.Conditions))!;

        AssertStoredCondition(conditions.TargetEntityType);
        Assert.Equal(PropertyAccessMode.Property, conditions.GetPropertyAccessMode());
        Assert.NotNull(fee.FindProperty(nameof(FeeItem.Match)));
    }

    private static IModel Model()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=unused").UseSnakeCaseNamingConvention().Options;
        using var db = new AppDbContext(options);
        return db.Model;
    }

    private static void AssertStoredCondition(IEntityType condition)
    {
        Assert.True(condition.IsMappedToJson());
        Assert.Equal("Equals", condition.FindProperty(nameof(FieldCondition.Value))!.GetJsonPropertyName());
        Assert.NotNull(condition.FindProperty(nameof(FieldCondition.Operator)));
        Assert.Null(condition.FindProperty(nameof(FieldCondition.JsonEquals)));
        Assert.Null(condition.FindProperty(nameof(FieldCondition.JsonValue)));
    }
}
