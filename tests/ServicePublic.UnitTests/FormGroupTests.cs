using FluentValidation.Results;
using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.UnitTests;

/// <summary>Repeatable groups: blocks of questions answered once per associate, each block's answers under its own keys.</summary>
public sealed class FormGroupTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>Between 1 and 3 associates: name and share required, NIF optional, a function only for a company.</summary>
    private static List<FormField> Form() =>
    [
        YesNo("societe", "Pour une société ?"),
        Group("associes", "Associés", minItems: 1, maxItems: 3),
        Text("associe-nom", "Nom de l'associé").In("associes"),
        Number("associe-parts", "Parts (%)", "%", 0, 100).In("associes"),
        Nif("associe-nif", "NIF de l'associé", required: false).In("associes"),
        Text("associe-fonction", "Fonction").In("associes").When("societe", ConditionOperator.Equals, "oui"),
        Text("remarques", "Remarques", required: false),
    ];

    private static ValidationResult Validate(List<FormField> form, params (string Key, string? Value)[] answers) =>
        new FormValidator(form, Today).Validate(new FormSubmission(answers.ToDictionary(a => a.Key, a => a.Value)));

    [Theory]
    [InlineData(null, 1)]
    [InlineData("2", 2)]
    [InlineData(" 3 ", 3)]
    [InlineData("0", 1)]
    [InlineData("7", 3)]
    [InlineData("deux", 1)]
    [InlineData("-2", 1)]
    [InlineData("2,5", 1)]
    public void ItemCount_IsTheAnswer_WithinTheGroupsBounds(string? answer, int expected)
    {
        var group = Form()[1];

        Assert.Equal(expected, new FormSubmission(new Dictionary<string, string?> { ["associes"] = answer }).ItemCount(group));
    }

    [Fact]
    public void ItemCount_IsTheMinimum_WhenMissing_EvenZero_AndDefaultsToOneToTen()
    {
        var none = new FormSubmission(new Dictionary<string, string?>());
        var many = new FormSubmission(new Dictionary<string, string?> { ["g"] = "11" });

        Assert.Equal(0, none.ItemCount(Group("g", "G", minItems: 0)));
        Assert.Equal(1, none.ItemCount(Group("g", "G")));
        Assert.Equal(10, many.ItemCount(Group("g", "G")));
    }

    [Fact]
    public void Members_AreTheFieldsRightAfterTheGroup_AndTheirAnswersAreKeyedByBlock()
    {
        var form = Form();

        Assert.Equal(["associe-nom", "associe-parts", "associe-nif", "associe-fonction"], FormDefinition.Members(form, form[1]).Select(f => f.Key));
        Assert.Equal("associe-nom.2", FormDefinition.ItemKey("associe-nom", 2));
        Assert.Equal(["associe-nom.1", "associe-parts.1", "associe-nif.1", "associe-fonction.1", "associe-nom.2"],
            FormDefinition.Items(form, form[1], 2).Select(i => i.Key).Take(5));
    }

    [Fact]
    public void Validator_ChecksEachBlockFilledIn_UnderItsOwnKeys_AndNotTheMembersThemselves()
    {
        var result = Validate(Form(), ("societe", "non"), ("associes", "2"),
            ("associe-nom.1", "Koffi"), ("associe-parts.1", "60"), ("associe-nif.1", "12"),
            ("associe-nom.2", " "), ("associe-parts.2", "beaucoup"),
            ("associe-parts.3", "beaucoup"));

        Assert.Equal(
            [("associe-nif.1", "Le NIF comporte de 9 à 13 chiffres, sans lettres."), ("associe-nom.2", "Ce champ est obligatoire."), ("associe-parts.2", "Saisissez un nombre.")],
            result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
    }

    [Fact]
    public void Validator_ChecksTheMinimumNumberOfBlocks_WhenTheCountIsMissing()
    {
        var result = Validate(Form(), ("societe", "oui"));

        Assert.Equal(["associe-nom.1", "associe-parts.1", "associe-fonction.1"], result.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void RequiredGroup_NeedsOneBlock_EvenWithAMinimumOfZero()
    {
        var form = Form();
        form[1].MinItems = 0;

        Assert.True(Validate(form, ("societe", "non")).IsValid);
        form[1].Required = true;
        var error = Assert.Single(Validate(form, ("societe", "non"), ("associes", "0")).Errors);
        Assert.Equal(("associes", "Ce champ est obligatoire."), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void GroupCondition_HidesItsMembers()
    {
        var form = Form();
        form[1].When("societe", ConditionOperator.Equals, "oui");

        Assert.True(Validate(form, ("societe", "non"), ("associes", "2")).IsValid);
        Assert.DoesNotContain("associe-nom", FormDefinition.ShownKeys(form, new FormSubmission(new Dictionary<string, string?> { ["societe"] = "non" }), Today));
    }

    [Fact]
    public void TooLong_CoversTheAnswersOfEachBlock()
    {
        var answers = new Dictionary<string, string?> { ["associe-nom.3"] = new string('a', 201), ["associe-nom.2"] = "Ama", ["associe-parts.1"] = new string('1', 41) };

        var result = FormValidator.TooLong(Form(), answers);

        Assert.Equal(["associe-parts.1", "associe-nom.3"], result.Errors.Select(e => e.PropertyName));
        Assert.Equal("Saisissez au plus 200 caractères.", result.Errors[1].ErrorMessage);
    }
}
