using System.Diagnostics;
using FluentValidation.Results;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.UnitTests;

/// <summary>A form's definition checks, and the rules built from it for each type of field.</summary>
public sealed class FormTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ValidationResult Validate(IReadOnlyList<FormField> form, Dictionary<string, string?> answers,
        IEnumerable<string>? files = null, Audience applicant = Audience.Both) =>
        new FormValidator(form, Today).Validate(new FormSubmission(answers, (files ?? []).ToHashSet(), applicant));

    /// <summary>The French messages for the one field of a one-field form answered <paramref name="answer"/>.</summary>
    private static List<string> Errors(FormField field, string? answer)
    {
        var result = Validate([field], new() { [field.Key] = answer });
        Assert.All(result.Errors, e => Assert.Equal(field.Key, e.PropertyName));
        return result.Errors.Select(e => e.ErrorMessage).ToList();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Required_IsReported_WhenTheAnswerIsBlank(string? answer)
    {
        Assert.Equal(["Ce champ est obligatoire."], Errors(Text("nom", "Nom"), answer));
    }

    [Fact]
    public void Optional_IsNotChecked_WhenLeftBlank()
    {
        Assert.Empty(Errors(Number("taille", "Taille", "cm", 50, 250, required: false), " "));
    }

    [Fact]
    public void ShortText_ChecksItsLength_WithTheDefaultMaximum()
    {
        var field = Text("nom", "Nom");
        field.MinLength = 2;

        Assert.Empty(Errors(field, "Ab"));
        Assert.Equal(["Saisissez au moins 2 caractères."], Errors(field, "A"));
        Assert.Equal(["Saisissez au plus 200 caractères."], Errors(field, new string('a', 201)));
    }

    [Fact]
    public void EveryType_HasAMaximumLength_EvenWhereSpacesOrRepeatsWouldPassItsOtherChecks()
    {
        Assert.Equal(["Saisissez au plus 40 caractères."], Errors(Number("surface", "Surface", "m²", 0, null), "1" + new string(' ', 5000) + "0"));
        Assert.Equal(["Saisissez au plus 40 caractères."], Errors(Nif("nif", "NIF"), "1000 " + new string(' ', 100) + "12345"));
        Assert.Equal(["Saisissez au plus 12 caractères."], Errors(Choices("langues", "Langues", "ewe", "kabye", "fr"), "ewe\newe\newe\newe\newe"));
        Assert.Equal(["Choisissez une des options proposées."], Errors(Choice("langue", "Langue", "ewe", "kabye"), new string('x', 300)));
    }

    [Fact]
    public void LongText_AllowsMoreThanAShortText_ButNotWithoutLimit()
    {
        var field = LongText("motif", "Motif");

        Assert.Empty(Errors(field, new string('a', 3000)));
        Assert.Equal(["Saisissez au plus 4000 caractères."], Errors(field, new string('a', 4001)));
    }

    [Fact]
    public void Pattern_MustMatchTheWholeAnswer()
    {
        var field = Text("code", "Code");
        field.Pattern = "[A-Z]{2}[0-9]{3}";

        Assert.Empty(Errors(field, "AB123"));
        Assert.Equal(["Le format de la réponse n'est pas valide."], Errors(field, "AB1234"));
        Assert.Equal(["Le format de la réponse n'est pas valide."], Errors(field, "xAB123"));
    }

    [Fact]
    public void Pattern_AnswersQuickly_EvenWhenItWouldBacktrackCatastrophically()
    {
        var field = Text("code", "Code");
        field.Pattern = "(a+)+b";
        field.MaxLength = 100_000;
        var stopwatch = Stopwatch.StartNew();

        var errors = Errors(field, new string('a', 50_000) + "c");

        Assert.Equal(["Le format de la réponse n'est pas valide."], errors);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("12")]
    [InlineData("12.5")]
    [InlineData("12,5")]
    [InlineData("1 234,5")]
    [InlineData("1\u202F234,5")]
    [InlineData("-0,5")]
    public void Number_AcceptsInvariantAndFrenchNotation(string answer)
    {
        Assert.Empty(Errors(Number("n", "Nombre", null, null, null), answer));
    }

    [Theory]
    [InlineData("douze")]
    [InlineData("1.234,5")]
    [InlineData("1,234.5")]
    [InlineData("12 km")]
    [InlineData("1e3")]
    public void Number_RefusesWhatIsNotOneNumber(string answer)
    {
        Assert.Equal(["Saisissez un nombre."], Errors(Number("n", "Nombre", null, 1, 10), answer));
    }

    [Fact]
    public void Number_ChecksItsBounds_AndWritesThemTheFrenchWay()
    {
        var field = Number("superficie-km2", "Superficie", "km²", 0.01m, 10000m);

        Assert.Empty(Errors(field, "0,01"));
        Assert.Empty(Errors(field, "10000"));
        Assert.Equal(["La valeur doit être au moins 0,01."], Errors(field, "0,009"));
        Assert.Equal(["La valeur doit être au plus 10000."], Errors(field, "10 000,5"));
    }

    [Fact]
    public void Failure_CarriesItsTemplateAndArguments_ForTranslation()
    {
        var error = Assert.Single(Validate([Number("n", "Nombre", null, 0.01m, null)], new() { ["n"] = "0" }).Errors);

        var message = Assert.IsType<FormMessage>(error.CustomState);
        Assert.Equal(FormMessages.AtLeastMessage, message.Template);
        Assert.Equal(FormMessages.AtLeastMessage, error.ErrorCode);
        Assert.Equal([0.01m], message.Arguments);
    }

    [Theory]
    [InlineData("2026-11-23", true)]
    [InlineData("1990-02-28", true)]
    [InlineData("1990-02-30", false)]
    [InlineData("23/11/2026", false)]
    [InlineData("2026-11-23T10:00", false)]
    public void Date_IsAnIsoDate(string answer, bool valid)
    {
        var errors = Errors(Date("d", "Date"), answer);

        Assert.Equal(valid ? [] : ["Saisissez une date valide."], errors);
    }

    [Fact]
    public void Date_ChecksItsBounds_WithTodayResolvedWhenChecking()
    {
        var birth = PastDate("date-naissance", "Date de naissance");
        var wished = Date("date-souhaitee", "Date souhaitée", min: "2026-12-01", max: "2027-06-30");

        Assert.Empty(Errors(birth, "2026-11-23"));
        Assert.Equal(["La date ne peut pas être postérieure au 23/11/2026."], Errors(birth, "2026-11-24"));
        Assert.Equal(["La date ne peut pas être antérieure au 01/12/2026."], Errors(wished, "2026-11-30"));
        Assert.Equal(["La date ne peut pas être postérieure au 30/06/2027."], Errors(wished, "2027-07-01"));
    }

    [Theory]
    [InlineData("kossi.mensah@exemple.tg", true)]
    [InlineData("Kossi Mensah <kossi@exemple.tg>", false)]
    [InlineData("kossi@exemple", false)]
    [InlineData("kossi.exemple.tg", false)]
    [InlineData("kossi @exemple.tg", false)]
    public void Email_IsOneAddress(string answer, bool valid)
    {
        var field = new FormField { Key = "email", Label = "E-mail", Type = FieldType.Email };

        Assert.Equal(valid ? [] : ["L'adresse e-mail n'est pas valide."], Errors(field, answer));
    }

    [Theory]
    [InlineData("90 12 34 56", true)]
    [InlineData("+228 90 12 34 56", true)]
    [InlineData("00228-90-12-34-56", true)]
    [InlineData("90 12 34", false)]
    [InlineData("quatre-vingt-dix", false)]
    public void Phone_IsANumberAccountsWouldAccept(string answer, bool valid)
    {
        var field = new FormField { Key = "telephone", Label = "Téléphone", Type = FieldType.Phone };

        Assert.Equal(valid ? [] : ["Numéro non reconnu : par exemple 90 12 34 56 ou +228 90 12 34 56."], Errors(field, answer));
    }

    [Theory]
    [InlineData("1000123456", true)]
    [InlineData("1000 123 456", true)]
    [InlineData("123456789", true)]
    [InlineData("1234567890123", true)]
    [InlineData("12345678", false)]
    [InlineData("12345678901234", false)]
    [InlineData("1000123A56", false)]
    public void Nif_HasNineToThirteenDigits(string answer, bool valid)
    {
        Assert.Equal(valid ? [] : ["Le NIF comporte de 9 à 13 chiffres, sans lettres."], Errors(Nif("nif", "NIF"), answer));
    }

    [Fact]
    public void SingleChoice_MustBeOneOfTheOptions()
    {
        var field = Choice("forme", "Forme juridique", "SARL", "SA");

        Assert.Empty(Errors(field, "SARL"));
        Assert.Equal(["Choisissez une des options proposées."], Errors(field, "SNC"));
        Assert.Equal(["Choisissez une des options proposées."], Errors(field, "SARL\nSA"));
    }

    [Fact]
    public void MultipleChoice_IsOneOptionPerLine_EachOfThem_AnOption()
    {
        var field = Choices("categories", "Catégories", "A", "B", "C");

        Assert.Empty(Errors(field, FormSubmission.JoinChoices(["A", "C"])));
        Assert.Empty(Errors(field, "B\r\n"));
        Assert.Equal(["Choisissez une des options proposées."], Errors(field, "A\nZ"));
    }

    [Theory]
    [InlineData("oui", true)]
    [InlineData("Non", true)]
    [InlineData("yes", false)]
    [InlineData("peut-être", false)]
    public void YesNo_IsOuiOrNon(string answer, bool valid)
    {
        Assert.Equal(valid ? [] : ["Répondez par oui ou par non."], Errors(YesNo("renouvellement", "Renouvellement ?"), answer));
    }

    [Fact]
    public void Attestation_MustBeTicked()
    {
        var attestation = FormConventions.Attestation();

        Assert.Empty(Errors(attestation, "oui"));
        Assert.Equal(["Cochez cette case pour continuer."], Errors(attestation, "non"));
        Assert.Equal(["Ce champ est obligatoire."], Errors(attestation, null));
    }

    [Fact]
    public void File_Required_IsReported_WhenNothingWasUploaded()
    {
        var statuts = new FormField { Key = "piece-statuts", Label = "Statuts", Type = FieldType.File, Required = true, DocumentName = "Statuts" };
        var plan = new FormField { Key = "piece-plan", Label = "Plan", Type = FieldType.File, Required = false, DocumentName = "Plan" };

        var missing = Validate([statuts, plan], []);
        var uploaded = Validate([statuts, plan], [], files: ["piece-statuts"]);

        var error = Assert.Single(missing.Errors);
        Assert.Equal(("piece-statuts", "Joignez ce document."), (error.PropertyName, error.ErrorMessage));
        Assert.True(uploaded.IsValid);
    }

    [Fact]
    public void File_ForCompaniesOnly_IsNotAskedOfAnIndividual()
    {
        var statuts = new FormField
        {
            Key = "piece-statuts", Label = "Statuts", Type = FieldType.File, Required = true, DocumentName = "Statuts",
            AppliesTo = DocumentAudience.Companies,
        };

        Assert.True(Validate([statuts], [], applicant: Audience.Individuals).IsValid);
        Assert.False(Validate([statuts], [], applicant: Audience.Companies).IsValid);
        Assert.False(Validate([statuts], [], applicant: Audience.Both).IsValid);
    }

    private static List<FormField> RenewalForm() =>
    [
        Section("votre-demande", "Votre demande"),
        YesNo("renouvellement", "Renouvellement ?"),
        Text("numero-precedent", "Numéro précédent").ShownWhen("renouvellement", "oui"),
        Choice("motif", "Motif", "Perte", "Expiration").ShownWhen("renouvellement", "oui"),
        Text("details-perte", "Circonstances de la perte").ShownWhen("motif", "Perte"),
    ];

    [Fact]
    public void ShowWhen_HidesAndSkipsAField_UntilTheConditionHolds()
    {
        var form = RenewalForm();

        var firstCard = Validate(form, new() { ["renouvellement"] = "non", ["numero-precedent"] = "" });
        var renewal = Validate(form, new() { ["renouvellement"] = "OUI" });

        Assert.True(firstCard.IsValid, string.Join("\n", firstCard.Errors));
        Assert.Equal(["numero-precedent", "motif"], renewal.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void ShowWhen_HidesAField_WhoseConditionFieldIsItselfHidden()
    {
        var form = RenewalForm();
        var answers = new Dictionary<string, string?> { ["renouvellement"] = "non", ["motif"] = "Perte" };

        Assert.DoesNotContain("details-perte", FormDefinition.ShownKeys(form, new FormSubmission(answers), Today));
        Assert.True(Validate(form, answers).IsValid);
    }

    [Fact]
    public void ShowWhen_OnAMultipleChoice_HoldsWhenTheValueIsOneOfTheChoices()
    {
        List<FormField> form = [Choices("produits", "Produits", "Gasoil", "Gaz butane (GPL)"), Text("stockage-gaz", "Stockage du gaz").ShownWhen("produits", "Gaz butane (GPL)")];

        var errors = Validate(form, new() { ["produits"] = "Gasoil\nGaz butane (GPL)" }).Errors;

        Assert.Equal("stockage-gaz", Assert.Single(errors).PropertyName);
    }

    [Fact]
    public void Validator_IgnoresSections_AndAnswersToUnknownKeys()
    {
        List<FormField> form = [Section("votre-demande", "Votre demande"), Text("nom", "Nom", required: false)];

        Assert.True(Validate(form, new() { ["votre-demande"] = "x", ["inconnu"] = "y" }).IsValid);
    }

    [Fact]
    public void Definition_HasNoProblem_WhenItHoldsTogether()
    {
        var form = RenewalForm();
        form.Add(new FormField { Key = "piece-statuts", Label = "Statuts", Type = FieldType.File, Required = true, DocumentName = "Statuts" });
        form.Add(FormConventions.Attestation());

        Assert.Empty(FormDefinition.Problems(form));
    }

    public static TheoryData<string, FormField[]> BrokenForms() => new()
    {
        { "la clé est utilisée deux fois", [Text("nom", "Nom"), Text("nom", "Nom de jeune fille")] },
        { "la clé ne peut contenir que des minuscules", [Text("Nom_Complet", "Nom")] },
        { "le libellé est vide", [Text("nom", " ")] },
        { "une liste de choix a besoin d'au moins deux options", [Choice("forme", "Forme", "SARL")] },
        { "les options doivent être différentes", [Choice("forme", "Forme", "SARL", "sarl")] },
        { "les options ne s'appliquent qu'aux listes de choix", [new FormField { Key = "nom", Label = "Nom", Type = FieldType.ShortText, Options = ["a", "b"] }] },
        { "n'est pas un champ précédent", [Text("numero", "Numéro").ShownWhen("renouvellement", "oui"), YesNo("renouvellement", "Renouvellement ?")] },
        { "n'est pas un champ précédent", [Text("numero", "Numéro").ShownWhen("inconnu", "oui")] },
        { "n'est pas une option de « motif »", [Choice("motif", "Motif", "Perte", "Vol"), Text("details", "Détails").ShownWhen("motif", "Incendie")] },
        { "la valeur doit être « oui » ou « non »", [YesNo("renouvellement", "Renouvellement ?"), Text("numero", "Numéro").ShownWhen("renouvellement", "yes")] },
        { "un champ fichier a besoin du nom du document", [new FormField { Key = "piece", Label = "Pièce", Type = FieldType.File }] },
        { "le nom de document ne s'applique qu'aux champs fichier", [new FormField { Key = "nom", Label = "Nom", Type = FieldType.ShortText, DocumentName = "Statuts" }] },
        { "le minimum est supérieur au maximum", [Number("n", "Nombre", null, 10, 1)] },
        { "l'unité, le minimum et le maximum ne s'appliquent qu'aux nombres", [new FormField { Key = "nom", Label = "Nom", Type = FieldType.ShortText, Max = 3 }] },
        { "« demain » n'est pas une date : aaaa-mm-jj", [Date("d", "Date", max: "demain")] },
        { "la date minimale est postérieure à la date maximale", [Date("d", "Date", min: "2027-01-01", max: "2026-01-01")] },
        { "les longueurs minimale et maximale ne s'appliquent qu'aux textes", [new FormField { Key = "n", Label = "Nombre", Type = FieldType.Number, MaxLength = 3 }] },
        { "n'est pas une expression régulière utilisable", [new FormField { Key = "code", Label = "Code", Type = FieldType.ShortText, Pattern = "(a)\\1" }] },
        { "n'est pas une expression régulière utilisable", [new FormField { Key = "code", Label = "Code", Type = FieldType.ShortText, Pattern = "[a-" }] },
        { "une section ne peut pas être obligatoire", [new FormField { Key = "s", Label = "Section", Type = FieldType.Section, Required = true }, Text("nom", "Nom")] },
        { "une question oui/non n'a pas d'options", [new FormField { Key = "ok", Label = "D'accord", Type = FieldType.YesNo, Options = ["non"] }] },
        { "Le formulaire ne demande rien", [Section("votre-demande", "Votre demande")] },
    };

    [Theory]
    [MemberData(nameof(BrokenForms))]
    public void Definition_ReportsWhatIsWrong(string expected, FormField[] form)
    {
        var problems = FormDefinition.Problems(form);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
