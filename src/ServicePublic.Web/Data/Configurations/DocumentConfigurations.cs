using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePublic.Web.Domain.Documents;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    /// <summary>Feeds document numbers: {MINISTRY}-YYYY-NNNNNN.</summary>
    public const string NumberSequence = "issued_document_numbers";

    public void Configure(EntityTypeBuilder<IssuedDocument> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Number).HasMaxLength(IssuedDocument.NumberMaxLength);
        builder.Property(d => d.Kind).HasMaxLength(IssuedDocument.KindMaxLength);
        builder.Property(d => d.HolderName).HasMaxLength(IssuedDocument.HolderNameMaxLength);
        builder.Property(d => d.HolderReference).HasMaxLength(IssuedDocument.HolderReferenceMaxLength);
        builder.Property(d => d.MinistryName).HasMaxLength(IssuedDocument.IssuerMaxLength);
        builder.Property(d => d.OfficeName).HasMaxLength(IssuedDocument.IssuerMaxLength);
        builder.Property(d => d.IssuedById).HasMaxLength(450);
        builder.Property(d => d.RevokedById).HasMaxLength(450);
        builder.Property(d => d.VerificationCode).HasMaxLength(IssuedDocument.CodeLength).IsFixedLength();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.RevocationReason).HasMaxLength(IssuedDocument.ReasonMaxLength);
        builder.Property(d => d.Payload).HasMaxLength(IssuedDocument.PayloadMaxLength);
        builder.Property(d => d.Conditions).IsJsonbList();
        builder.HasOne<Request>().WithMany().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ministry>().WithMany().HasForeignKey(d => d.MinistryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.IssuedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.RevokedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.RequestId).IsUnique();
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasIndex(d => d.VerificationCode).IsUnique();
        builder.HasIndex(d => d.MinistryId);
    }
}
