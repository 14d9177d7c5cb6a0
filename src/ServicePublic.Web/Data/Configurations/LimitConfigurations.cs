using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class SmsCodeConfiguration : IEntityTypeConfiguration<SmsCode>
{
    public void Configure(EntityTypeBuilder<SmsCode> builder)
    {
        builder.Property(c => c.Purpose).HasMaxLength(SmsCode.PurposeMaxLength);
        builder.Property(c => c.Phone).HasMaxLength(SmsCode.PhoneMaxLength);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.Salt).HasMaxLength(16);
        builder.Property(c => c.CodeHash).HasMaxLength(32);
        // A check looks up the newest live code of one account, number and purpose.
        builder.HasIndex(c => new { c.UserId, c.Phone, c.Purpose });
        builder.HasIndex(c => c.ExpiresAt);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RateCounterConfiguration : IEntityTypeConfiguration<RateCounter>
{
    public void Configure(EntityTypeBuilder<RateCounter> builder)
    {
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(RateCounter.KeyMaxLength);
        // The sweep deletes ended windows.
        builder.HasIndex(c => c.WindowEnds);
    }
}
