using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.UnitTests;

public sealed class CatalogueDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Procedure NewProcedure()
    {
        var ministry = new Ministry("MDERM", "MDERM", "Ministère des mines", "…");
        var office = ministry.AddOrUpdateOffice("DGMG", "Direction générale des mines");
        return new Procedure("permis", ministry, office, new Category("mines-carrieres", "Mines"));
    }

    private static ProcedureContent Content(string title = "Permis", params FeeItem[] fees) => new(
        title, "Résumé", "Description", Audience.Companies, null, [], ["Déposer"],
        [new RequiredDocument { Name = "Statuts de la société", AppliesTo = DocumentAudience.Companies }],
        fees, new ProcessingTime { Text = "Minimum 5 mois", MinDays = 150 }, "5 ans", null,
        [Superficie(max: 10000)]);

    private static FormField Superficie(decimal max) =>
        new() { Key = "superficie-km2", Label = "Superficie demandée", Type = FieldType.Number, Unit = "km²", Max = max, Required = true };

    private static FeeItem Flat(long amount) => new() { Label = "Frais", Kind = FeeKind.Flat, Amount = amount };

    [Fact]
    public void Publish_CreatesVersionOne_ForANewProcedure()
    {
        var procedure = NewProcedure();

        var version = procedure.Publish(Content(), Now);

        Assert.NotNull(version);
        Assert.Equal(1, version.Number);
        Assert.True(version.IsCurrent);
        Assert.Same(version, procedure.CurrentVersion);
        Assert.Contains("Statuts de la société", version.SearchText);
        Assert.Contains("Ministère des mines", version.SearchText);
    }

    [Fact]
    public void Publish_ChangesNothing_WhenTheContentIsTheSame()
    {
        var procedure = NewProcedure();
        procedure.Publish(Content(), Now);

        var again = procedure.Publish(Content(), Now.AddDays(1));

        Assert.Null(again);
        Assert.Single(procedure.Versions);
    }

    [Fact]
    public void Publish_KeepsTheOldVersion_WhenTheContentChanges()
    {
        var procedure = NewProcedure();
        var first = procedure.Publish(Content("Permis"), Now)!;

        var second = procedure.Publish(Content("Permis d'exploitation"), Now.AddDays(1))!;

        Assert.Equal(2, second.Number);
        Assert.False(first.IsCurrent);
        Assert.Equal("Permis", first.Title);
        Assert.Same(second, procedure.CurrentVersion);
    }

    [Fact]
    public void Publish_CreatesANewVersionWithTheForm_WhenOnlyTheFormChanges()
    {
        var procedure = NewProcedure();
        var first = procedure.Publish(Content(), Now)!;

        var second = procedure.Publish(Content() with { Form = [Superficie(max: 500)] }, Now.AddDays(1));

        Assert.NotNull(second);
        Assert.Equal(10000, Assert.Single(first.Form).Max);
        Assert.Equal(500, Assert.Single(second.Form).Max);
    }

    [Fact]
    public void Assign_Refuses_AnOfficeOfAnotherMinistry()
    {
        var procedure = NewProcedure();
        var other = new Ministry("MJ", "MJ", "Justice", "…");
        var office = other.AddOrUpdateOffice("CJN", "Casier judiciaire");

        Assert.Throws<ArgumentException>(() => procedure.Assign(procedure.Ministry, office, procedure.Category));
    }

    [Fact]
    public void Suspend_RequiresAReason()
    {
        var procedure = NewProcedure();

        Assert.Throws<ArgumentException>(() => procedure.Suspend(" "));
        procedure.Suspend("Nouveau code minier en préparation");
        Assert.Equal(ProcedureStatus.Suspended, procedure.Status);
    }

    [Fact]
    public void FlatTotal_AddsFlatItems_AndLeavesOutPerUnitDueLaterAndVariableOnes()
    {
        var version = NewProcedure().Publish(Content("Permis",
            Flat(500_000),
            Flat(4_500_000),
            new FeeItem { Label = "Redevance", Kind = FeeKind.PerUnit, Amount = 75_000, Unit = "km² par an", DueLater = true },
            new FeeItem { Label = "Devis", Kind = FeeKind.Variable }), Now)!;

        Assert.Equal(5_000_000, version.FlatTotal);
        Assert.False(version.FlatTotalIsExact);
        Assert.False(version.IsFree);
    }

    [Fact]
    public void FlatTotal_IsExact_WhenOnlyFixedAmountsAreChargedAtFiling()
    {
        var version = NewProcedure().Publish(Content("Casier", Flat(500),
            new FeeItem { Label = "Redevance annuelle", Kind = FeeKind.Flat, Amount = 50_000, DueLater = true }), Now)!;

        Assert.Equal(500, version.FlatTotal);
        Assert.True(version.FlatTotalIsExact);
    }

    [Fact]
    public void FlatTotal_CountsTheLowerBound_OfARange()
    {
        var range = new FeeItem { Label = "Carte", Kind = FeeKind.Flat, Amount = 25_000, Min = 25_000, Max = 50_000 };
        var version = NewProcedure().Publish(Content("Carte", range), Now)!;

        Assert.True(range.IsRange);
        Assert.Equal(25_000, version.FlatTotal);
        Assert.False(version.FlatTotalIsExact);
    }

    [Fact]
    public void IsFree_WhenThereAreNoFeesOrOnlyZeroAmounts()
    {
        Assert.True(NewProcedure().Publish(Content("Acte"), Now)!.IsFree);
        Assert.True(NewProcedure().Publish(Content("Naissance", Flat(0)), Now)!.IsFree);
    }

    [Fact]
    public void ProcessingTime_IsUndetermined_WithoutDays()
    {
        Assert.True(new ProcessingTime { Text = "Indéterminé" }.IsUndetermined);
        Assert.Equal(90, new ProcessingTime { Text = "2 à 3 mois", MinDays = 60, MaxDays = 90 }.TargetDays);
    }
}
