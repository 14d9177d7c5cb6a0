using System.Security.Claims;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>The session was opened with a second factor (Identity adds amr=mfa).</summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement;

internal sealed class SecondFactorHandler : AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (context.User.HasSecondFactor())
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public sealed class BusinessMembershipRequirement(bool ownerOnly) : IAuthorizationRequirement
{
    public bool OwnerOnly { get; } = ownerOnly;
}

/// <summary>Resource check: is the signed-in account a member (or an owner) of this business?</summary>
internal sealed class BusinessMembershipHandler : AuthorizationHandler<BusinessMembershipRequirement, Business>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BusinessMembershipRequirement requirement, Business business)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var member = userId is null ? null : business.MemberOf(userId);
        if (member is not null && (!requirement.OwnerOnly || member.Role == BusinessRole.Owner))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
