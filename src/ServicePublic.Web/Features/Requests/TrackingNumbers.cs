using ServicePublic.Web.Data.Configurations;

namespace ServicePublic.Web.Features.Requests;

/// <summary>Tracking numbers from a PostgreSQL sequence: unique across every instance, never reused (gaps are fine).</summary>
public sealed class TrackingNumbers(AppDbContext db, TimeProvider clock)
{
    public async Task<string> NextAsync(CancellationToken ct = default)
    {
        var next = await db.Database
            .SqlQueryRaw<long>($"SELECT nextval('{RequestConfiguration.TrackingSequence}') AS \"Value\"")
            .SingleAsync(ct);
        return Request.FormatTrackingNumber(clock.GetUtcNow().Year, next);
    }
}
