using System.Security.Claims;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Auditing;

/// <summary>Appends security events (who, what, from which address) to the audit table.</summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task RecordAsync(string action, string? subjectId, string? details = null, string? actorId = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        actorId ??= context?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        db.AuditEntries.Add(new AuditEntry(action, actorId, subjectId, context?.Connection.RemoteIpAddress?.ToString(), details, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }
}
