using FluentValidation;

namespace ServicePublic.Web.Features.Accounts;

public sealed class SignUpForm
{
    public string FullName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    public bool AcceptTerms { get; set; }
}

public sealed class SignUpFormValidator : AbstractValidator<SignUpForm>
{
    public SignUpFormValidator()
    {
        RuleFor(f => f.FullName).NotEmpty().WithMessage("Indiquez vos nom et prénoms.")
            .MaximumLength(200).WithMessage("200 caractères au plus.");
        RuleFor(f => f.Email).NotEmpty().WithMessage("Indiquez votre adresse e-mail.")
            .EmailAddress().WithMessage("L'adresse e-mail n'est pas valide.").MaximumLength(256);
        RuleFor(f => f.Phone).NotEmpty().WithMessage("Indiquez votre numéro de téléphone.")
            .Must(p => PhoneNumbers.Normalize(p) is not null).WithMessage("Numéro non reconnu : par exemple 90 12 34 56 ou +228 90 12 34 56.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Choisissez un mot de passe.")
            .MinimumLength(12).WithMessage("Le mot de passe doit comporter au moins 12 caractères.")
            .MaximumLength(128);
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("Les deux mots de passe ne sont pas identiques.");
        RuleFor(f => f.AcceptTerms).Equal(true).WithMessage("Acceptez les conditions d'utilisation pour créer un compte.");
    }
}

public sealed class SignInForm
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class SignInFormValidator : AbstractValidator<SignInForm>
{
    public SignInFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Indiquez votre adresse e-mail.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Indiquez votre mot de passe.");
    }
}

public sealed class CodeForm
{
    public string Code { get; set; } = "";
    public string? Ticket { get; set; }
    public bool RememberMe { get; set; }
    public bool RememberMachine { get; set; }
    public string? ReturnUrl { get; set; }

    /// <summary>What the user typed, without spaces or dashes ("123 456" is fine).</summary>
    public string Clean => new([.. Code.Where(char.IsLetterOrDigit)]);
}

public sealed class CodeFormValidator : AbstractValidator<CodeForm>
{
    public CodeFormValidator()
    {
        RuleFor(f => f.Clean).NotEmpty().WithName("Code").WithMessage("Saisissez le code.")
            .OverridePropertyName(nameof(CodeForm.Code));
    }
}

public sealed class PhoneForm
{
    public string Phone { get; set; } = "";
    public string? ReturnUrl { get; set; }
}

public sealed class PhoneFormValidator : AbstractValidator<PhoneForm>
{
    public PhoneFormValidator()
    {
        RuleFor(f => f.Phone).NotEmpty().WithMessage("Indiquez votre numéro de téléphone.")
            .Must(p => PhoneNumbers.Normalize(p) is not null).WithMessage("Numéro non reconnu : par exemple 90 12 34 56 ou +228 90 12 34 56.");
    }
}

public sealed class EmailForm
{
    public string Email { get; set; } = "";
}

public sealed class EmailFormValidator : AbstractValidator<EmailForm>
{
    public EmailFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Indiquez votre adresse e-mail.")
            .EmailAddress().WithMessage("L'adresse e-mail n'est pas valide.").MaximumLength(256);
    }
}

public sealed class ResetPasswordForm
{
    public string UserId { get; set; } = "";
    public string Code { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator()
    {
        RuleFor(f => f.Password).NotEmpty().WithMessage("Choisissez un mot de passe.")
            .MinimumLength(12).WithMessage("Le mot de passe doit comporter au moins 12 caractères.").MaximumLength(128);
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("Les deux mots de passe ne sont pas identiques.");
    }
}

public sealed class ChangePasswordForm
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage("Indiquez votre mot de passe actuel.");
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage("Choisissez un mot de passe.")
            .MinimumLength(12).WithMessage("Le mot de passe doit comporter au moins 12 caractères.").MaximumLength(128);
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("Les deux mots de passe ne sont pas identiques.");
    }
}

public sealed class ProfileForm
{
    public string FullName { get; set; } = "";
    public string? NationalId { get; set; }
    public string PreferredLanguage { get; set; } = "fr-TG";
}

public sealed class ProfileFormValidator : AbstractValidator<ProfileForm>
{
    public ProfileFormValidator()
    {
        RuleFor(f => f.FullName).NotEmpty().WithMessage("Indiquez vos nom et prénoms.").MaximumLength(200);
        RuleFor(f => f.NationalId).Matches("^[0-9A-Za-z-]{6,30}$").When(f => !string.IsNullOrWhiteSpace(f.NationalId))
            .WithMessage("Le numéro d'identification n'est pas valide (6 à 30 chiffres ou lettres).");
        RuleFor(f => f.PreferredLanguage).Must(l => l is "fr-TG" or "en").WithMessage("Langue inconnue.");
    }
}

public sealed class ConfirmPasswordForm
{
    public string Password { get; set; } = "";
}

/// <summary>Proof that the holder is at the keyboard before an authenticator is set up, replaced or removed.</summary>
public sealed class AuthenticatorForm
{
    // An empty field is bound as null: keep "" so that a blank form is refused, not a 500.
    public string Password { get; set => field = value ?? ""; } = "";
    public string Code { get; set => field = value ?? ""; } = "";
    /// <summary>Staff enrolment only: the code just sent by SMS or email.</summary>
    public string SentCode { get; set => field = value ?? ""; } = "";

    /// <summary>The authenticator code without spaces ("123 456" is fine).</summary>
    public string Clean => new([.. Code.Where(char.IsLetterOrDigit)]);
}

public sealed class AuthenticatorFormValidator : AbstractValidator<AuthenticatorForm>
{
    public AuthenticatorFormValidator()
    {
        RuleFor(f => f.Password).NotEmpty().WithMessage("Indiquez votre mot de passe actuel.");
        RuleFor(f => f.Clean).NotEmpty().WithMessage("Saisissez le code.").OverridePropertyName(nameof(AuthenticatorForm.Code));
    }
}
