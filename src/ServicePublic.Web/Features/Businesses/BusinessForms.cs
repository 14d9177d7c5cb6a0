using FluentValidation;

namespace ServicePublic.Web.Features.Businesses;

/// <summary>The legal forms offered in the select; the French name is what is stored.</summary>
public static class LegalForms
{
    public static readonly string[] All =
        ["Entreprise individuelle", "SARL", "SARLU", "SA", "SAS", "SASU", "GIE", "Société coopérative", "Association", "Autre"];
}

public sealed class BusinessForm
{
    public string Name { get; set; } = "";
    public string LegalForm { get; set; } = "";
    public string Nif { get; set; } = "";
    public string Rccm { get; set; } = "";
    public string Address { get; set; } = "";

    /// <summary>The NIF without the spaces people type to read it ("1000 123 456").</summary>
    public string CleanNif => new([.. (Nif ?? "").Where(c => !char.IsWhiteSpace(c))]);

    public string CleanRccm => (Rccm ?? "").Trim().ToUpperInvariant();
}

public sealed class BusinessFormValidator : AbstractValidator<BusinessForm>
{
    public BusinessFormValidator()
    {
        RuleFor(f => f.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Indiquez le nom de l'entreprise.")
            .MaximumLength(Business.NameMaxLength).WithMessage("Le nom de l'entreprise ne doit pas dépasser 200 caractères.")
            // The name goes into email subjects: no line breaks or control characters.
            .Must(n => !n.Any(char.IsControl)).WithMessage("Le nom de l'entreprise ne doit pas contenir de retour à la ligne.");
        RuleFor(f => f.LegalForm).Must(l => LegalForms.All.Contains(l)).WithMessage("Choisissez la forme juridique dans la liste.");
        RuleFor(f => f.CleanNif).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Indiquez le numéro d'identification fiscale (NIF).")
            .Matches("^[0-9]{9,13}$").WithMessage("Le NIF comporte de 9 à 13 chiffres, sans lettres.")
            .OverridePropertyName(nameof(BusinessForm.Nif));
        RuleFor(f => f.CleanRccm).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Indiquez le numéro RCCM.")
            .Matches("^[A-Z0-9/ -]{5,40}$").WithMessage("Le numéro RCCM comporte de 5 à 40 caractères : lettres, chiffres, tirets, barres obliques et espaces (par exemple TG-LFW-01-2024-B12-00123).")
            .OverridePropertyName(nameof(BusinessForm.Rccm));
        RuleFor(f => f.Address).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Indiquez l'adresse du siège.")
            .MaximumLength(Business.AddressMaxLength).WithMessage("L'adresse ne doit pas dépasser 300 caractères.");
    }
}

public sealed class InviteForm
{
    public string Email { get; set; } = "";
}

public sealed class InviteFormValidator : AbstractValidator<InviteForm>
{
    public InviteFormValidator()
    {
        RuleFor(f => f.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Indiquez l'adresse e-mail de la personne à inviter.")
            .EmailAddress().WithMessage("Cette adresse e-mail n'est pas valide : par exemple nom@exemple.tg.")
            .MaximumLength(256).WithMessage("Cette adresse e-mail est trop longue.");
    }
}
