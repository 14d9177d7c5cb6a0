using Microsoft.EntityFrameworkCore;
using ServicePublic.Web.Domain.Catalogue;

namespace ServicePublic.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    /// <summary>French text search configuration, accent-insensitive (created by a migration).</summary>
    public const string SearchConfiguration = "fr_unaccent";

    public DbSet<Ministry> Ministries => Set<Ministry>();
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();

    /// <summary>Rows of the search_procedure_versions() SQL function.</summary>
    public IQueryable<ProcedureSearchHit> SearchProcedureVersions(string query) =>
        Set<ProcedureSearchHit>().FromSql($"SELECT * FROM search_procedure_versions({query})");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("unaccent");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

/// <summary>A procedure version matching a search, with its relevance.</summary>
public sealed class ProcedureSearchHit
{
    public int VersionId { get; init; }
    public double Rank { get; init; }
}
