using ServicePublic.Web.Domain.Auditing;

namespace ServicePublic.Web.Features.Administration;

/// <summary>Reads the audit journal, newest first, a page at a time, filtered by action and subject.</summary>
public sealed class JournalQueries(AppDbContext db)
{
    public const int PageSize = 50;
    private const int MaxFilterLength = 450;

    /// <param name="check">The chain's verification just run, shown above the list; null when none was asked for.</param>
    public async Task<JournalPage> ListAsync(string? action, string? subject, int page, AuditChainResult? check, CancellationToken ct)
    {
        action = Clean(action);
        subject = Clean(subject);
        var entries = db.AuditEntries.AsNoTracking();
        if (action is not null)
        {
            entries = entries.Where(a => a.Action == action);
        }
        if (subject is not null)
        {
            entries = entries.Where(a => a.SubjectId == subject);
        }
        var total = await entries.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = await entries.OrderByDescending(a => a.Sequence).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new JournalPage(action, subject, page, pageCount, total, items, check);
    }

    private static string? Clean(string? value) =>
        value?.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, MaxFilterLength)] : null;
}

public sealed record JournalPage(
    string? Action, string? Subject, int Page, int PageCount, int Total, IReadOnlyList<AuditEntry> Items, AuditChainResult? Check);
