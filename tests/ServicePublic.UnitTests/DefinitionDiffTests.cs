using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Features.Edition;

namespace ServicePublic.UnitTests;

/// <summary>What a publisher reads before publishing: every part that changed, and nothing else.</summary>
public sealed class DefinitionDiffTests
{
    private static readonly CatalogueFiles.ProcedureEntry Seeded =
        CatalogueFiles.Load().Procedures.Single(p => p.Slug == "permis-recherche-miniere");

    [Fact]
    public void TheSameDefinition_ChangesNothing()
    {
        Assert.Empty(DefinitionDiff.Between(Seeded, Definitions.Copy(Seeded)));
    }

    [Fact]
    public void EachPart_IsListedWithWhatChanged()
    {
        var after = Definitions.Copy(Seeded);
        after = after with
        {
            Title = "Permis de recherche minière (nouveau)",
            Fees = [.. after.Fees.Skip(1)],
            Eligibility = [new EligibilityRule { Conditions = [new FieldCondition { FieldKey = "substances", Value = "uranium" }], Message = "Suspendu." }],
        };
        after.Form.Single(f => f.Key == "localisation").Label = "Lieu exact";
        var (withField, _) = FormEditing.Add(after, FieldType.Number, "Profondeur");

        var changes = DefinitionDiff.Between(Seeded, withField);

        Assert.Contains(changes, c => c is { Part: "Fiche", What: "Titre", After: "Permis de recherche minière (nouveau)" });
        Assert.Contains(changes, c => c is { Part: "Frais", Kind: ChangeKind.Removed } && c.What == Seeded.Fees[0].Label);
        Assert.Contains(changes, c => c is { Part: "Formulaire", Kind: ChangeKind.Added, What: "« Profondeur » (profondeur)" });
        Assert.Contains(changes, c => c is { Part: "Formulaire", Kind: ChangeKind.Changed, What: "« Lieu exact » (localisation)" });
        Assert.Contains(changes, c => c is { Part: "Éligibilité", Kind: ChangeKind.Added, What: "Suspendu." });
        Assert.DoesNotContain(changes, c => c.Part == "Pièces");
    }
}
