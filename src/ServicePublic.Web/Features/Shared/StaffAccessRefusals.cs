using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using ServicePublic.Web.Features.Accounts;

namespace ServicePublic.Web.Features.Shared;

/// <summary>
/// Audits what a member of staff asked for and was refused: a request, receipt or document outside
/// their ministry or office, or opened without the second factor. The person still gets the same
/// 404 as a stranger; citizens' 404s are ordinary not-founds and are not written.
/// </summary>
public sealed class StaffAccessRefusals(AuditLog audit, IHttpContextAccessor http)
{
    /// <param name="subject">What was asked for: a tracking or receipt number.</param>
    /// <param name="what">Its kind, in the entry's details ("dossier", "reçu", "document délivré").</param>
    public async Task RecordAsync(string subject, string what, CancellationToken ct)
    {
        var user = http.HttpContext?.User;
        if (user is null || !Roles.Staff.Any(user.IsInRole))
        {
            return;
        }
        var reason = user.HasSecondFactor() ? "hors de son ministère ou de son bureau" : "sans second facteur";
        await audit.RecordAsync(AuditActions.StaffAccessRefused, subject, $"{what} : {reason}", ct: ct);
    }
}

/// <summary>
/// A staff area (back office, supervision, administration) refused to a signed-in account, for want
/// of the role or of the second factor, is audited; the answer is the usual one (the access-denied page).
/// </summary>
internal sealed class AuditedStaffAuthorization : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _usual = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true && policy.Requirements.OfType<SecondFactorRequirement>().Any())
        {
            var failed = authorizeResult.AuthorizationFailure?.FailedRequirements ?? [];
            var reason = failed.OfType<RolesAuthorizationRequirement>().Any() ? "sans le rôle requis" : "sans second facteur";
            await context.RequestServices.GetRequiredService<AuditLog>()
                .RecordAsync(AuditActions.StaffAccessRefused, context.Request.Path.Value, $"page : {reason}", ct: context.RequestAborted);
        }
        await _usual.HandleAsync(next, context, policy, authorizeResult);
    }
}
