using Microsoft.AspNetCore.Authorization.Policy;
using ServicePublic.Web.Features.Accounts;

namespace ServicePublic.Web.Setup;

internal static class Authorization
{
    public static void AddAuthorizationPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAuthorizationHandler, SecondFactorHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, BusinessMembershipHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditedStaffAuthorization>();
        builder.Services.AddScoped<StaffAccessRefusals>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.BackOffice, p => p.RequireRole(Roles.Staff).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Policies.Supervision, p => p.RequireRole(Roles.Supervisor, Roles.Administrator).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Policies.Edition, p => p.RequireRole(Roles.Edition).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Policies.BusinessMember, p => p.RequireAuthenticatedUser().AddRequirements(new BusinessMembershipRequirement(ownerOnly: false)))
            .AddPolicy(Policies.BusinessOwner, p => p.RequireAuthenticatedUser().AddRequirements(new BusinessMembershipRequirement(ownerOnly: true)));
    }
}
