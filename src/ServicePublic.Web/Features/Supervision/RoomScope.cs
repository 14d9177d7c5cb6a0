using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using ServicePublic.Web.Infrastructure.Notifications;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// What a supervision screen looks at: the nation (administrators), a ministry, one of its
/// offices, or one procedure. Built only by <see cref="RoomScopes"/>, which checks the viewer's rights.
/// </summary>
public sealed record RoomScope(
    int? MinistryId, string? MinistryCode, string? MinistryName,
    int? OfficeId, string? OfficeCode, string? OfficeName,
    int? ProcedureId, string? ProcedureSlug, string? ProcedureTitle)
{
    public static readonly RoomScope Nation = new(null, null, null, null, null, null, null, null, null);

    public bool IsNation => MinistryId is null;

    /// <summary>Whether a change (or a resync) concerns this screen.</summary>
    public bool Includes(SupervisionSignal signal) =>
        signal.IsResync
        || ((MinistryId is null || signal.MinistryId == MinistryId)
            && (OfficeId is null || signal.OfficeId == OfficeId)
            && (ProcedureId is null || signal.ProcedureId == ProcedureId));

    /// <summary>"?ministere=…&amp;bureau=…&amp;demarche=…": the same scope on another supervision page (room, wall, stream).</summary>
    public string Query => PathSegment.Query(("ministere", MinistryCode), ("bureau", OfficeCode), ("demarche", ProcedureSlug));

    /// <summary>A cache key: one snapshot per scope on each node.</summary>
    public string Key => $"{MinistryId}/{OfficeId}/{ProcedureId}";
}

/// <summary>
/// Resolves the scope asked for in the address against the viewer's rights: an administrator may
/// look at the nation or anything in it; a supervisor at their own ministry (and their own office
/// if they belong to one) and anything inside it. Anything else — another ministry, an unknown
/// code, an office or procedure of another ministry — is null, which pages answer with 404.
/// </summary>
public sealed class RoomScopes(AppDbContext db, IMemoryCache cache)
{
    /// <summary>
    /// How long an answer is kept for the same viewer and address: wall screens ask again at each
    /// change. A staff member moved to another ministry sees the old one at most this long (a role
    /// taken away ends their session at once).
    /// </summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    public async Task<RoomScope?> ResolveAsync(ClaimsPrincipal viewer, string? ministere, string? bureau, string? demarche, CancellationToken ct)
    {
        var key = (nameof(RoomScopes), viewer.FindFirstValue(ClaimTypes.NameIdentifier), viewer.IsInRole(Roles.Administrator), viewer.IsInRole(Roles.Supervisor),
            Clean(ministere), Clean(bureau), Clean(demarche));
        if (cache.TryGetValue(key, out RoomScope? known))
        {
            return known;
        }
        var scope = await FindAsync(viewer, ministere, bureau, demarche, ct);
        cache.Set(key, scope, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remembered, Size = 1 });
        return scope;
    }

    private async Task<RoomScope?> FindAsync(ClaimsPrincipal viewer, string? ministere, string? bureau, string? demarche, CancellationToken ct)
    {
        var userId = viewer.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }
        var isAdministrator = viewer.IsInRole(Roles.Administrator);
        if (!isAdministrator && !viewer.IsInRole(Roles.Supervisor))
        {
            return null;
        }
        var ministryCode = Clean(ministere);
        var officeCode = Clean(bureau);
        var slug = Clean(demarche);

        // The procedure, when one is asked for, tells its ministry and office.
        var procedure = slug is null ? null : await db.Procedures.AsNoTracking()
            .Where(p => p.Slug == slug)
            .Select(p => new
            {
                p.Id,
                p.Slug,
                p.MinistryId,
                MinistryCode = p.Ministry.Code,
                p.OfficeId,
                OfficeCode = p.Office == null ? null : p.Office.Code,
                Title = p.Versions.Where(v => v.IsCurrent).Select(v => v.Title).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (slug is not null && procedure is null)
        {
            return null;
        }

        int? ministryId;
        int? fixedOfficeId = null;
        if (isAdministrator)
        {
            ministryId = ministryCode is null
                ? procedure?.MinistryId
                : await db.Ministries.Where(m => m.Code == ministryCode).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct) ?? -1;
        }
        else
        {
            var staff = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.MinistryId, u.OfficeId }).SingleOrDefaultAsync(ct);
            if (staff?.MinistryId is null)
            {
                return null;
            }
            ministryId = staff.MinistryId;
            fixedOfficeId = staff.OfficeId;
        }
        if (ministryId == -1)
        {
            return null;
        }
        if (ministryId is null)
        {
            return officeCode is null ? RoomScope.Nation : null;
        }

        var ministry = await db.Ministries.AsNoTracking().Where(m => m.Id == ministryId)
            .Select(m => new { m.Id, m.Code, m.Name }).SingleOrDefaultAsync(ct);
        if (ministry is null || (ministryCode is not null && !string.Equals(ministryCode, ministry.Code, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        if (procedure is not null && procedure.MinistryId != ministry.Id)
        {
            return null;
        }

        var office = officeCode is null && fixedOfficeId is null && procedure?.OfficeId is null
            ? null
            : await db.Offices.AsNoTracking()
                .Where(o => o.MinistryId == ministry.Id && (officeCode == null ? o.Id == (fixedOfficeId ?? procedure!.OfficeId) : o.Code == officeCode))
                .Select(o => new { o.Id, o.Code, o.Name }).SingleOrDefaultAsync(ct);
        if (officeCode is not null && office is null)
        {
            return null;
        }
        if (fixedOfficeId is not null && office?.Id != fixedOfficeId)
        {
            return null;
        }
        if (procedure is not null && office is not null && procedure.OfficeId != office.Id)
        {
            return null;
        }
        // A procedure asked for alone keeps its office out of the address; one asked within an office keeps both.
        var showOffice = officeCode is not null || fixedOfficeId is not null;
        return new RoomScope(
            ministry.Id, ministry.Code, ministry.Name,
            office?.Id, showOffice ? office?.Code : null, office?.Name,
            procedure?.Id, procedure?.Slug, procedure?.Title);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
