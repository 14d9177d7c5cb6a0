using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.UnitTests;

/// <summary>Answers as a request's page shows them to the applicant and the clerk.</summary>
public sealed class AnsweredFieldsTests
{
    private static readonly IReadOnlyList<FormField> Form =
    [
        new FormField { Key = "volume", Label = "Volume annuel estimé des importations", Type = FieldType.Number, Unit = "FCFA" },
        new FormField { Key = "surface", Label = "Surface", Type = FieldType.Number, Unit = "ha" },
        new FormField { Key = "telephone", Label = "Téléphone", Type = FieldType.Phone },
    ];

    [Theory]
    [InlineData("volume", "1000000", "1 000 000 FCFA")]
    [InlineData("volume", "1 000 000", "1 000 000 FCFA")]
    [InlineData("surface", "12,5", "12,5 ha")]
    [InlineData("telephone", "90000001", "90000001")]
    public void AWholeNumber_IsGroupedByThousands_OtherAnswersAsTyped(string key, string typed, string shown)
    {
        var answer = AnsweredFields.Of(Form, new Dictionary<string, string?> { [key] = typed }).Single();

        Assert.Equal(shown, answer.Shown.Replace('\u00A0', ' '));
    }
}
