using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Domain.Messaging;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(ApplicationUser.FullNameMaxLength);
        builder.Property(u => u.NationalId).HasMaxLength(ApplicationUser.NationalIdMaxLength);
        builder.Property(u => u.PreferredLanguage).HasMaxLength(10);
        builder.Property(u => u.PhoneNumber).HasMaxLength(20);
        builder.HasOne<Ministry>().WithMany().HasForeignKey(u => u.MinistryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Office>().WithMany().HasForeignKey(u => u.OfficeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.PhoneNumber);
    }
}

/// <summary>The four roles exist from the first migration on: nothing to seed at start-up.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder)
    {
        builder.HasData(Roles.All.Select(name => new IdentityRole
        {
            Id = name.ToLowerInvariant(),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = name.ToLowerInvariant(),
        }));
    }
}

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(Business.NameMaxLength);
        builder.Property(b => b.LegalForm).HasMaxLength(Business.LegalFormMaxLength);
        builder.Property(b => b.Nif).HasMaxLength(Business.NifMaxLength);
        builder.Property(b => b.Rccm).HasMaxLength(Business.RccmMaxLength);
        builder.Property(b => b.Address).HasMaxLength(Business.AddressMaxLength);
        builder.HasIndex(b => b.Nif);
        builder.HasMany(b => b.Members).WithOne().HasForeignKey(m => m.BusinessId);
        builder.HasMany(b => b.Invitations).WithOne().HasForeignKey(i => i.BusinessId);
    }
}

internal sealed class BusinessMemberConfiguration : IEntityTypeConfiguration<BusinessMember>
{
    public void Configure(EntityTypeBuilder<BusinessMember> builder)
    {
        builder.HasKey(m => new { m.BusinessId, m.UserId });
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId);
        builder.HasIndex(m => m.UserId);
    }
}

internal sealed class BusinessInvitationConfiguration : IEntityTypeConfiguration<BusinessInvitation>
{
    public void Configure(EntityTypeBuilder<BusinessInvitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(OutboxMessage.ProviderMessageIdMaxLength);
        builder.Property(m => m.Delivery).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.DeliveryError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        // The sender claims due pending messages in this order.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'Pending'");
        // A delivery receipt names its SMS by the provider's id.
        builder.HasIndex(m => m.ProviderMessageId);
        // The retention job erases the bodies of SMS left too long without a receipt, by age.
        builder.HasIndex(m => m.SentAt).HasFilter("delivery = 'Sent'");
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.ActorId).HasMaxLength(450);
        builder.Property(a => a.SubjectId).HasMaxLength(450);
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.Hash).HasMaxLength(64).IsFixedLength();
        // Unique: two appenders can never both take the same place in the chain.
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => a.SubjectId);
        builder.HasIndex(a => a.OccurredAt);
    }
}
