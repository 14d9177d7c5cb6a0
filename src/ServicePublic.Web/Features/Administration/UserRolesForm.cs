using FluentValidation;

namespace ServicePublic.Web.Features.Administration;

/// <summary>An account's roles, and where a clerk or supervisor works. One checkbox per role.</summary>
public sealed class UserRolesForm
{
    public bool Citizen { get; set; }
    public bool Agent { get; set; }
    public bool Supervisor { get; set; }
    public bool Administrator { get; set; }
    public bool Editor { get; set; }
    public bool Publisher { get; set; }
    public int? MinistryId { get; set; }
    public int? OfficeId { get; set; }

    public static UserRolesForm From(IEnumerable<string> roles, int? ministryId, int? officeId)
    {
        var set = roles.ToHashSet();
        return new UserRolesForm
        {
            Citizen = set.Contains(Roles.Citizen),
            Agent = set.Contains(Roles.Agent),
            Supervisor = set.Contains(Roles.Supervisor),
            Administrator = set.Contains(Roles.Administrator),
            Editor = set.Contains(Roles.Editor),
            Publisher = set.Contains(Roles.Publisher),
            MinistryId = ministryId,
            OfficeId = officeId,
        };
    }

    public IReadOnlyList<string> SelectedRoles =>
        [.. Roles.All.Where(role => role switch
        {
            Roles.Citizen => Citizen,
            Roles.Agent => Agent,
            Roles.Supervisor => Supervisor,
            Roles.Administrator => Administrator,
            Roles.Editor => Editor,
            Roles.Publisher => Publisher,
            _ => false,
        })];

    /// <summary>Clerks, supervisors, editors and publishers work for one ministry; nobody else has one.</summary>
    public bool NeedsMinistry => Agent || Supervisor || Editor || Publisher;

    /// <summary>The ministry to store: none for an account that is neither clerk nor supervisor.</summary>
    public int? EffectiveMinistryId => NeedsMinistry ? MinistryId : null;

    /// <summary>Only a clerk may be narrowed down to one office.</summary>
    public int? EffectiveOfficeId => Agent ? OfficeId : null;
}

public sealed class UserRolesFormValidator : AbstractValidator<UserRolesForm>
{
    public UserRolesFormValidator()
    {
        RuleFor(f => f.MinistryId).NotNull().When(f => f.NeedsMinistry)
            .WithMessage("Choisissez le ministère de cet agent, superviseur, rédacteur ou publicateur.");
    }
}
