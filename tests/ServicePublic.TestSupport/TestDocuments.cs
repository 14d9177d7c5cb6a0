using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Features.Documents;

namespace ServicePublic.TestSupport;

/// <summary>Issued documents set up through the domain: filed, reviewed and approved by a clerk of the ministry, then issued.</summary>
public static class TestDocuments
{
    public static async Task<(string TrackingNumber, IssuedDocument Document)> IssueAsync(
        this PortalFactory portal, ApplicationUser applicant, string slug = "carte-importateur", string ministryCode = "MCIC")
    {
        var clerk = await portal.CreateAsync(roles: [Roles.Agent], ministryCode: ministryCode);
        var filed = await portal.FileAsync(applicant, slug);
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var request = await db.Requests.Include(r => r.Events).SingleAsync(r => r.Id == filed.Id);
        request.StartReview(clerk.Id, DateTimeOffset.UtcNow);
        request.Approve(clerk.Id, null, DateTimeOffset.UtcNow);
        var document = await scope.ServiceProvider.GetRequiredService<IssuedDocuments>().IssueAsync(request, clerk.Id, CancellationToken.None);
        await db.SaveChangesAsync();
        return (request.TrackingNumber!, document);
    }
}
