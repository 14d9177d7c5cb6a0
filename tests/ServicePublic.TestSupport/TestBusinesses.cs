using System.Globalization;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.TestSupport;

/// <summary>Businesses for tests: created directly, with the account that represents them as owner.</summary>
public static class TestBusinesses
{
    /// <summary>
    /// The demo's name by default: as long as a real company's, it is what once made the header's
    /// "J'agis pour" switch wider than a phone.
    /// </summary>
    public const string DemoName = "Société Demo Import-Export SARL";

    /// <summary>A business owned by <paramref name="owner"/>, with a NIF no other test is likely to use.</summary>
    public static Task<Business> CreateBusinessAsync(this PortalFactory portal, ApplicationUser owner, string name = DemoName) =>
        portal.WithDbAsync(async db =>
        {
            var nif = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
            var business = new Business(name, "SARL", nif, $"TG-LFW-01-2024-B12-{nif[^5..]}", "Boulevard du 13 janvier, Lomé", owner.Id, DateTimeOffset.UtcNow);
            db.Businesses.Add(business);
            await db.SaveChangesAsync();
            return business;
        });
}
