namespace ServicePublic.Web.Features.Administration;

/// <summary>Reads accounts for the administration pages: search, roles, ministry and office.</summary>
public sealed class UserDirectory(AppDbContext db)
{
    public const int PageSize = 30;
    public const int MaxQueryLength = 100;

    public async Task<UserList> SearchAsync(string? q, int page, CancellationToken ct)
    {
        var query = q?.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, MaxQueryLength)] : null;
        var users = db.Users.AsNoTracking().Where(u => u.ClosedAt == null);
        if (query is not null)
        {
            var pattern = LikePattern.Containing(query);
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern, LikePattern.Escape) || EF.Functions.ILike(u.FullName, pattern, LikePattern.Escape));
        }
        var total = await users.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await users
            .OrderBy(u => u.FullName).ThenBy(u => u.Email).ThenBy(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.FullName,
                u.Email,
                u.TwoFactorEnabled,
                Ministry = db.Ministries.Where(m => m.Id == u.MinistryId).Select(m => m.Acronym).FirstOrDefault(),
                Office = db.Offices.Where(o => o.Id == u.OfficeId).Select(o => o.Code).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var roles = await RolesOfAsync([.. rows.Select(r => r.Id)], ct);
        var items = rows.Select(r => new UserRow(
            r.Id, r.FullName, r.Email, r.TwoFactorEnabled, roles.GetValueOrDefault(r.Id, []), r.Ministry, r.Office)).ToList();
        return new UserList(query, page, pageCount, total, items);
    }

    public async Task<Dictionary<string, IReadOnlyList<string>>> RolesOfAsync(IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var pairs = await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Name!).OrderBy(RoleOrder)]);
    }

    /// <summary>Every ministry with its offices, for the form's two lists.</summary>
    public async Task<IReadOnlyList<MinistryChoice>> MinistriesAsync(CancellationToken ct) =>
        await db.Ministries.AsNoTracking().OrderBy(m => m.Name)
            .Select(m => new MinistryChoice(m.Id, m.Code, m.Acronym, m.Name,
                m.Offices.OrderBy(o => o.Name).Select(o => new OfficeChoice(o.Id, o.Code, o.Name)).ToList()))
            .ToListAsync(ct);

    private static int RoleOrder(string role) => Array.IndexOf(Domain.Accounts.Roles.All, role);
}

public sealed record UserList(string? Query, int Page, int PageCount, int Total, IReadOnlyList<UserRow> Items);

public sealed record UserRow(
    string Id, string FullName, string? Email, bool TwoFactorEnabled, IReadOnlyList<string> Roles, string? Ministry, string? Office);

public sealed record MinistryChoice(int Id, string Code, string Acronym, string Name, IReadOnlyList<OfficeChoice> Offices);

public sealed record OfficeChoice(int Id, string Code, string Name);
