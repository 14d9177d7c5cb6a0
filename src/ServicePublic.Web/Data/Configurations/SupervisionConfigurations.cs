using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(Programme.CodeMaxLength);
        builder.Property(p => p.Name).HasMaxLength(Programme.NameMaxLength);
        builder.HasIndex(p => new { p.MinistryId, p.Code }).IsUnique();
        builder.HasOne<Ministry>().WithMany().HasForeignKey(p => p.MinistryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Indicators).WithOne().HasForeignKey(i => i.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.Baseline).HasPrecision(12, 2);
        builder.Property(i => i.UpdatedById).HasMaxLength(450);
        builder.HasOne<Procedure>().WithMany().HasForeignKey(i => i.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(i => i.Targets, t =>
        {
            t.ToTable("indicator_targets");
            t.WithOwner().HasForeignKey("indicator_id");
            t.HasKey("indicator_id", nameof(IndicatorTarget.Year));
            t.Property(x => x.Value).HasPrecision(12, 2);
        });
    }
}
