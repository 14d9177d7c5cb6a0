using Microsoft.AspNetCore.Authorization;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Features.Accounts;

namespace ServicePublic.Web.Setup;

public static class Policies
{
    /// <summary>Clerks, supervisors and administrators, signed in with a second factor.</summary>
    public const string BackOffice = nameof(BackOffice);
    public const string Supervision = nameof(Supervision);
    public const string Administration = nameof(Administration);

    /// <summary>A member (owner or representative) of the business given as resource.</summary>
    public const string BusinessMember = nameof(BusinessMember);

    /// <summary>An owner of the business given as resource.</summary>
    public const string BusinessOwner = nameof(BusinessOwner);
}

internal static class Authorization
{
    public static void AddAuthorizationPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAuthorizationHandler, SecondFactorHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, BusinessMembershipHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.BackOffice, p => p.RequireRole(Roles.Staff).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Policies.Supervision, p => p.RequireRole(Roles.Supervisor, Roles.Administrator).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Policies.BusinessMember, p => p.RequireAuthenticatedUser().AddRequirements(new BusinessMembershipRequirement(ownerOnly: false)))
            .AddPolicy(Policies.BusinessOwner, p => p.RequireAuthenticatedUser().AddRequirements(new BusinessMembershipRequirement(ownerOnly: true)));
    }
}
