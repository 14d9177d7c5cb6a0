using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests;

/// <summary>The migrated schema, read from PostgreSQL's catalogue.</summary>
[Collection(PortalCollection.Name)]
public sealed class SchemaIndexTests(PortalFixture portal)
{
    /// <summary>
    /// A request's page reads its attachments by request; with only a partial index (current ones) on
    /// that column, every such read scanned the whole table: 40 ms a read at 84 000 rows in issue 13's
    /// mixed load, and growing with each file uploaded. A column pointing to another table is read by,
    /// and its parent's delete cascades through it, so each one leads a whole (not partial) index.
    /// </summary>
    [Fact]
    public async Task EveryForeignKeyColumn_LeadsAnIndexOverTheWholeTable()
    {
        var unindexed = await portal.Factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>("""
            SELECT c.conrelid::regclass::text || '.' || a.attname AS "Value"
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
              AND c.connamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_index i
                              WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1] AND i.indpred IS NULL)
            ORDER BY 1
            """).ToListAsync());

        Assert.Empty(unindexed);
    }
}
