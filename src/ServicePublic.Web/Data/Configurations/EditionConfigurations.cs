using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePublic.Web.Domain.Edition;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class ProcedureDraftConfiguration : IEntityTypeConfiguration<ProcedureDraft>
{
    public void Configure(EntityTypeBuilder<ProcedureDraft> builder)
    {
        // One draft per procedure: two editors starting one at once cannot make two.
        builder.HasIndex(d => d.ProcedureId).IsUnique();
        builder.HasOne(d => d.Procedure).WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Definition).HasColumnType("jsonb");
        builder.Property(d => d.EditedById).HasMaxLength(450);
        builder.Property(d => d.ScheduledById).HasMaxLength(450);
        builder.Property(d => d.Version).IsRowVersion();
        // The scheduler's claim: the drafts due, oldest first.
        builder.HasIndex(d => d.PublishAt).HasFilter("publish_at IS NOT NULL");
    }
}
