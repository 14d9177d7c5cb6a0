using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Features.Auditing;

namespace ServicePublic.IntegrationTests.Auditing;

/// <summary>Steps the audit journal tests share: append entries, check the chain.</summary>
internal static class AuditJournal
{
    /// <summary>Appends <paramref name="count"/> entries one after the other; returns their sequence numbers.</summary>
    public static async Task<List<long>> RecordAuditEntriesAsync(this PortalFactory portal, int count)
    {
        var sequences = new List<long>();
        for (var i = 0; i < count; i++)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var next = (await db.AuditEntries.MaxAsync(a => (long?)a.Sequence) ?? 0) + 1;
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActions.RolesChanged, $"audit-test-{next}", $"entrée {i}", "admin-test");
            sequences.Add(await db.AuditEntries.Where(a => a.SubjectId == $"audit-test-{next}").Select(a => a.Sequence).SingleAsync());
        }
        return sequences;
    }

    public static async Task<AuditChainResult> VerifyAuditChainAsync(this PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(CancellationToken.None);
    }
}
