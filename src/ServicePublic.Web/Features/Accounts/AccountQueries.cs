namespace ServicePublic.Web.Features.Accounts;

/// <summary>A business I belong to, as the personal-data export lists it.</summary>
public sealed record BusinessData(string Name, string LegalForm, string Nif, string Rccm, string Address, string Role, DateTimeOffset JoinedAt);

/// <summary>An audit event about me or by me, as the personal-data export lists it.</summary>
public sealed record SecurityEventData(DateTimeOffset OccurredAt, string Action, string? IpAddress);

/// <summary>What the account pages read beyond what Identity's UserManager offers.</summary>
public sealed class AccountQueries(AppDbContext db)
{
    /// <summary>
    /// The account this confirmed phone may sign in to (see <see cref="ApplicationUser.SignsInByPhone"/>),
    /// tracked (for a sign-in code), or null.
    /// </summary>
    public Task<ApplicationUser?> ByConfirmedPhoneAsync(string phone) =>
        db.Users.Where(u => u.PhoneNumber == phone).Where(ApplicationUser.SignsInByPhone).FirstOrDefaultAsync();

    /// <summary>The businesses I belong to, with all their members, untracked.</summary>
    public Task<List<Business>> BusinessesOfAsync(string userId) =>
        db.Businesses.AsNoTracking().Include(b => b.Members).Where(b => b.Members.Any(m => m.UserId == userId)).ToListAsync();

    public Task<List<BusinessData>> BusinessDataAsync(string userId) =>
        db.BusinessMembers.Where(m => m.UserId == userId)
            .Join(db.Businesses, m => m.BusinessId, b => b.Id, (m, b) => new BusinessData(b.Name, b.LegalForm, b.Nif, b.Rccm, b.Address, m.Role.ToString(), m.JoinedAt))
            .ToListAsync();

    public Task<List<SecurityEventData>> SecurityEventsAsync(string userId) =>
        db.AuditEntries.Where(a => a.SubjectId == userId || a.ActorId == userId)
            .OrderBy(a => a.OccurredAt).Select(a => new SecurityEventData(a.OccurredAt, a.Action, a.IpAddress)).ToListAsync();
}
