using System.Globalization;
using FluentValidation;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// The few templates form errors are made of. Each is a key of the English resources; {0} is a
/// number or a date, filled in the reader's language (see <see cref="FormMessage"/>).
/// </summary>
public static class FormMessages
{
    public const string RequiredMessage = "Ce champ est obligatoire.";
    public const string FileMessage = "Joignez ce document.";
    public const string NumberMessage = "Saisissez un nombre.";
    public const string AtLeastMessage = "La valeur doit être au moins {0}.";
    public const string AtMostMessage = "La valeur doit être au plus {0}.";
    public const string MinLengthMessage = "Saisissez au moins {0} caractères.";
    public const string MaxLengthMessage = "Saisissez au plus {0} caractères.";
    public const string PatternMessage = "Le format de la réponse n'est pas valide.";
    public const string DateMessage = "Saisissez une date valide.";
    public const string NotBeforeMessage = "La date ne peut pas être antérieure au {0}.";
    public const string NotAfterMessage = "La date ne peut pas être postérieure au {0}.";
    public const string EmailMessage = "L'adresse e-mail n'est pas valide.";
    public const string PhoneMessage = "Numéro non reconnu : par exemple 90 12 34 56 ou +228 90 12 34 56.";
    public const string NifMessage = "Le NIF comporte de 9 à 13 chiffres, sans lettres.";
    public const string RccmMessage = "Saisissez un numéro RCCM, par exemple TG-LFW-01-2024-B12-00123.";
    public const string ChoiceMessage = "Choisissez une des options proposées.";
    public const string YesNoMessage = "Répondez par oui ou par non.";
    public const string ConfirmMessage = "Cochez cette case pour continuer.";
}

/// <summary>
/// A form error as a template and its arguments. A failure's ErrorMessage is the French text;
/// its CustomState is this, so the web layer can show it in English with
/// <c>localizer[Template, Arguments]</c>. Arguments are decimals and dates, formatted by culture.
/// </summary>
public sealed record FormMessage(string Template, params object[] Arguments)
{
    private static readonly CultureInfo FrenchCulture = CultureInfo.GetCultureInfo("fr-TG");

    public string French => string.Format(FrenchCulture, Template, Arguments);
}

internal static class FormMessageRuleExtensions
{
    /// <summary>Reports <paramref name="message"/> in French, with its template as error code and itself as state.</summary>
    public static IRuleBuilderOptions<FormSubmission, TProperty> Say<TProperty>(
        this IRuleBuilderOptions<FormSubmission, TProperty> rule, FormMessage message) =>
        rule.WithMessage(message.French).WithErrorCode(message.Template).WithState(_ => message);
}
