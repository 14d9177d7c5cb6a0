using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.Web.Data;
using ServicePublic.Web.Data.Migrations;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Catalogue;

namespace ServicePublic.IntegrationTests.Catalogue;

/// <summary>
/// Versions published before per-unit fees named their quantity field (drafts and requests still
/// point to them) get, from the migration, the field the former code guessed from the unit.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class FeeQuantityMigrationTests(PortalFixture portal)
{
    [Fact]
    public async Task Migration_NamesTheQuantityFieldOfEveryPerUnitFee_AsTheSeedFilesDo_WhenAVersionHasNone()
    {
        var expected = CatalogueFiles.Load().Procedures
            .Where(p => p.Fees.Any(f => f.Kind == FeeKind.PerUnit))
            .ToDictionary(p => p.Slug, p => p.Fees.Select(f => (f.Label, f.QuantityField)).ToList());
        Assert.True(expected.Count >= 10);

        using var scope = portal.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // As such a version was stored: per-unit fees without a quantity field.
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE procedure_versions
            SET fees = (SELECT jsonb_agg(fee - 'QuantityField' ORDER BY position) FROM jsonb_array_elements(fees) WITH ORDINALITY AS e(fee, position))
            WHERE jsonb_array_length(fees) > 0
            """);
        Assert.True(await CountPerUnitWithoutFieldAsync(db) >= expected.Count);

        // As the migration runs it: verbatim (ExecuteSqlRaw would read its "{QuantityField}" as a format item).
        await db.Database.OpenConnectionAsync();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = FeeQuantityFields.NameQuantityFields;
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, await CountPerUnitWithoutFieldAsync(db));
        var versions = await db.ProcedureVersions.AsNoTracking().Where(v => v.IsCurrent)
            .Select(v => new { v.Procedure.Slug, v.Fees }).ToListAsync();
        foreach (var version in versions.Where(v => expected.ContainsKey(v.Slug)))
        {
            Assert.Equal(expected[version.Slug], version.Fees.Select(f => (f.Label, f.QuantityField)).ToList());
        }
    }

    private static async Task<int> CountPerUnitWithoutFieldAsync(AppDbContext db) =>
        await db.Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM procedure_versions, jsonb_array_elements(fees) AS f(fee)
            WHERE fee->>'Kind' = 'PerUnit' AND coalesce(fee->>'QuantityField', '') = ''
            """).SingleAsync();
}
