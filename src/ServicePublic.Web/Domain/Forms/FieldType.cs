namespace ServicePublic.Web.Domain.Forms;

/// <summary>What a form field asks for; decides how it is shown and checked.</summary>
public enum FieldType
{
    ShortText = 1,
    LongText = 2,
    Number = 3,

    /// <summary>An ISO date (yyyy-MM-dd), as an HTML date input posts it.</summary>
    Date = 4,

    SingleChoice = 5,

    /// <summary>Several of the options, one per line in the answer.</summary>
    MultipleChoice = 6,

    /// <summary>"oui" or "non"; with Options ["oui"] only, a confirmation the applicant must tick.</summary>
    YesNo = 7,

    Email = 8,
    Phone = 9,

    /// <summary>A Togolese tax identification number: 9 to 13 digits.</summary>
    Nif = 10,

    /// <summary>An upload standing for one of the procedure's required documents.</summary>
    File = 11,

    /// <summary>A heading that groups the fields after it; asks nothing.</summary>
    Section = 12,

    /// <summary>A Togolese trade register (RCCM) number, e.g. TG-LFW-01-2024-B12-00123.</summary>
    Rccm = 13,

    /// <summary>
    /// A block of questions the applicant repeats (one per associate...): its members are the fields
    /// right after it that name it in <see cref="FormField.Group"/>. Its answer is the number of blocks;
    /// a member's answer in block i is stored under <see cref="FormDefinition.ItemKey"/>.
    /// </summary>
    Group = 14,
}
