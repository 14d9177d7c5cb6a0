using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Features.Edition;

/// <summary>The French name of each kind of question, as editors choose it.</summary>
public static class FieldTypeLabels
{
    public static string Of(FieldType type) => type switch
    {
        FieldType.ShortText => "Texte court",
        FieldType.LongText => "Texte long",
        FieldType.Number => "Nombre",
        FieldType.Date => "Date",
        FieldType.SingleChoice => "Choix unique",
        FieldType.MultipleChoice => "Choix multiple",
        FieldType.YesNo => "Oui / non",
        FieldType.Email => "Adresse e-mail",
        FieldType.Phone => "Téléphone",
        FieldType.Nif => "NIF",
        FieldType.Rccm => "RCCM",
        FieldType.File => "Pièce jointe",
        FieldType.Section => "Titre de section",
        FieldType.Group => "Groupe répétable",
        _ => type.ToString(),
    };
}
