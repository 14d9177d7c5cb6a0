using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.TestSupport;

/// <summary>Requests set up through the domain, for tests about what happens to them afterwards.</summary>
public static class TestRequests
{
    /// <summary>
    /// A request of <paramref name="user"/> for the current version of <paramref name="slug"/>:
    /// <paramref name="beforeSubmit"/> may attach documents, then it is submitted (unless
    /// <paramref name="submit"/> is false; with <paramref name="feeDue"/> it then awaits payment),
    /// then <paramref name="afterSubmit"/> may move it on. With <paramref name="businessId"/>, it is
    /// filed for that business (of which <paramref name="user"/> is a member).
    /// </summary>
    public static async Task<Request> FileAsync(
        this PortalFactory portal,
        ApplicationUser user,
        string slug = "bulletin-casier-judiciaire-n3",
        bool submit = true,
        Func<Request, IServiceProvider, Task>? beforeSubmit = null,
        Action<Request>? afterSubmit = null,
        bool feeDue = false,
        int? businessId = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var version = await db.ProcedureVersions.Where(v => v.IsCurrent && v.Procedure.Slug == slug).Select(v => v.Id).SingleAsync();
        var request = Request.StartDraft(version, user.Id, businessId, DateTimeOffset.UtcNow);
        if (beforeSubmit is not null)
        {
            await beforeSubmit(request, scope.ServiceProvider);
        }
        if (submit)
        {
            var number = await scope.ServiceProvider.GetRequiredService<TrackingNumbers>().NextAsync();
            request.Submit(user.Id, feeDue, () => number, 15, DateTimeOffset.UtcNow);
            afterSubmit?.Invoke(request);
        }
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request;
    }
}
