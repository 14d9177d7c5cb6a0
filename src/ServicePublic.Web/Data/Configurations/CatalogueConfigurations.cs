using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Data.Configurations.ConditionMapping;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class MinistryConfiguration : IEntityTypeConfiguration<Ministry>
{
    public void Configure(EntityTypeBuilder<Ministry> builder)
    {
        builder.Property(m => m.Code).HasMaxLength(Ministry.CodeMaxLength);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.Property(m => m.Acronym).HasMaxLength(Ministry.CodeMaxLength);
        builder.Property(m => m.Name).HasMaxLength(Ministry.NameMaxLength);
        builder.HasMany(m => m.Offices).WithOne().HasForeignKey(o => o.MinistryId);
    }
}

internal sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>
{
    public void Configure(EntityTypeBuilder<Office> builder)
    {
        builder.Property(o => o.Code).HasMaxLength(Ministry.CodeMaxLength);
        builder.Property(o => o.Name).HasMaxLength(Ministry.NameMaxLength);
        builder.HasIndex(o => new { o.MinistryId, o.Code }).IsUnique();
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.Property(c => c.Slug).HasMaxLength(Category.SlugMaxLength);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(Ministry.NameMaxLength);
    }
}

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(Procedure.SlugMaxLength);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.SuspensionReason).HasMaxLength(Procedure.SuspensionReasonMaxLength);
        builder.HasOne(p => p.Ministry).WithMany().HasForeignKey(p => p.MinistryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Office).WithMany().HasForeignKey(p => p.OfficeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Versions).WithOne(v => v.Procedure).HasForeignKey(v => v.ProcedureId);
        builder.Ignore(p => p.CurrentVersion);
    }
}

internal sealed class ProcedureVersionConfiguration : IEntityTypeConfiguration<ProcedureVersion>
{
    public void Configure(EntityTypeBuilder<ProcedureVersion> builder)
    {
        builder.HasIndex(v => new { v.ProcedureId, v.Number }).IsUnique();
        // At most one current version per procedure.
        builder.HasIndex(v => v.ProcedureId).IsUnique().HasFilter("is_current").HasDatabaseName("ix_procedure_versions_current");
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.Property(v => v.Title).HasMaxLength(ProcedureVersion.TitleMaxLength);
        builder.Property(v => v.Summary).HasMaxLength(ProcedureVersion.SummaryMaxLength);
        builder.Property(v => v.AudienceConditions).HasMaxLength(ProcedureVersion.ShortTextMaxLength);
        builder.Property(v => v.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Validity).HasMaxLength(ProcedureVersion.ShortTextMaxLength);
        builder.OwnsOne(v => v.ProcessingTime, pt => pt.Property(p => p.Text).HasMaxLength(ProcedureVersion.ShortTextMaxLength));
        builder.OwnsMany(v => v.Documents, d =>
        {
            d.ToJson();
            d.Property(x => x.AppliesTo).HasConversion<string>();
        });
        builder.OwnsMany(v => v.Fees, f =>
        {
            f.ToJson();
            f.Property(x => x.Kind).HasConversion<string>();
            f.Property(x => x.Match).HasConversion<string>();
            f.OwnsMany(x => x.Conditions, c => MapCondition(c));
            ThroughSetter(f.Navigation(x => x.Conditions));
        });
        // One jsonb column, like documents and fees: a version's form is read whole and never
        // queried field by field. EF Core 10 maps the nested ShowWhen, Conditions and Options inside it.
        builder.OwnsMany(v => v.Form, f =>
        {
            f.ToJson();
            f.Property(x => x.Type).HasConversion<string>();
            f.Property(x => x.AppliesTo).HasConversion<string>();
            f.Property(x => x.Match).HasConversion<string>();
            f.OwnsOne(x => x.ShowWhen, c => MapCondition(c));
            f.OwnsMany(x => x.Conditions, c => MapCondition(c));
            ThroughSetter(f.Navigation(x => x.Conditions));
        });
        builder.OwnsMany(v => v.Eligibility, r =>
        {
            r.ToJson();
            r.Property(x => x.Match).HasConversion<string>();
            r.OwnsMany(x => x.Conditions, c => MapCondition(c));
            ThroughSetter(r.Navigation(x => x.Conditions));
        });
        // A version stored before eligibility rules existed has none: read as empty, not null.
        ThroughSetter(builder.Navigation(v => v.Eligibility));
        builder.Ignore(v => v.FlatTotal);
        builder.Ignore(v => v.FlatTotalIsExact);
        builder.Ignore(v => v.IsFree);
        // search_vector is a stored generated column and its indexes are created in SQL by the
        // migration; EF does not map it.
    }
}

/// <summary>How a condition is stored, wherever it is (a field's, a fee's, an eligibility rule's).</summary>
internal static class ConditionMapping
{
    public static void MapCondition<TOwner>(OwnedNavigationBuilder<TOwner, FieldCondition> condition)
        where TOwner : class
    {
        condition.Property(x => x.Operator).HasConversion<string>();
        // Stored as "Equals", the name the seed files first used ("equals"); the JSON aliases are the files' only.
        condition.Property(x => x.Value).HasJsonPropertyName("Equals");
        condition.Ignore(x => x.JsonEquals);
        condition.Ignore(x => x.JsonValue);
    }

    /// <summary>
    /// A list of conditions is read through its setter, which makes null empty: versions stored
    /// before conditions existed have none in their JSON, and EF Core reads a missing owned
    /// collection as null (dotnet/efcore#39060).
    /// </summary>
    public static void ThroughSetter<TOwner, TList>(NavigationBuilder<TOwner, TList> conditions)
        where TOwner : class
        where TList : class =>
        conditions.UsePropertyAccessMode(PropertyAccessMode.Property);
}

internal sealed class ProcedureSearchHitConfiguration : IEntityTypeConfiguration<ProcedureSearchHit>
{
    public void Configure(EntityTypeBuilder<ProcedureSearchHit> builder)
    {
        builder.HasNoKey().ToView(null);
    }
}
