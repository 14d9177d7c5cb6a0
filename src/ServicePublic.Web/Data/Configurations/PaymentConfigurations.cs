using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    /// <summary>Feeds receipt numbers: RC-YYYY-NNNNNNNN.</summary>
    public const string ReceiptSequence = "payment_receipt_numbers";

    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.PayerId).HasMaxLength(450);
        builder.Property(p => p.PhoneNumber).HasMaxLength(Payment.PhoneMaxLength);
        builder.Property(p => p.ProviderReference).HasMaxLength(Payment.ReferenceMaxLength);
        builder.Property(p => p.OperatorReference).HasMaxLength(Payment.ReferenceMaxLength);
        builder.Property(p => p.RefundReference).HasMaxLength(Payment.ReferenceMaxLength);
        builder.Property(p => p.CheckoutUrl).HasMaxLength(500);
        builder.Property(p => p.FailureReason).HasMaxLength(500);
        builder.Property(p => p.Anomaly).HasMaxLength(1000);
        builder.Property(p => p.RefundNote).HasMaxLength(500);
        builder.Property(p => p.ReceiptNumber).HasMaxLength(20);
        builder.Property(p => p.ReceiptCode).HasMaxLength(16);
        builder.Property(p => p.Lines).IsJsonbList();
        builder.Property(p => p.Version).IsRowVersion();
        builder.Ignore(p => p.IsFinal);
        builder.Ignore(p => p.RefundableAmount);
        builder.HasOne<Request>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.RequestId).IsUnique().HasFilter("status = 'Pending'").HasDatabaseName("ix_payments_one_pending_per_request");
        builder.HasIndex(p => new { p.Provider, p.ProviderReference }).IsUnique().HasFilter("provider_reference IS NOT NULL");
        builder.HasIndex(p => p.ReceiptNumber).IsUnique().HasFilter("receipt_number IS NOT NULL");
        builder.HasIndex(p => p.NextCheckAt).HasFilter("status = 'Pending'");
        builder.HasIndex(p => new { p.Status, p.CompletedAt });
        // "Is this request paid?", asked for each row of the clerks' queue.
        builder.HasIndex(p => new { p.RequestId, p.Status });
    }
}

internal sealed class PaymentCallbackConfiguration : IEntityTypeConfiguration<PaymentCallback>
{
    public void Configure(EntityTypeBuilder<PaymentCallback> builder)
    {
        builder.Property(c => c.Provider).HasMaxLength(20);
        builder.Property(c => c.RemoteIp).HasMaxLength(45);
        builder.Property(c => c.ContentType).HasMaxLength(PaymentCallback.ContentTypeMaxLength);
        builder.Property(c => c.Outcome).HasMaxLength(300);
        builder.Property(c => c.Headers).IsJsonbDictionary();
        builder.HasOne<Payment>().WithMany().HasForeignKey(c => c.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.PaymentId);
        builder.HasIndex(c => c.ReceivedAt);
    }
}

internal sealed class SandboxTransactionConfiguration : IEntityTypeConfiguration<SandboxTransaction>
{
    public void Configure(EntityTypeBuilder<SandboxTransaction> builder)
    {
        builder.Property(t => t.Id).HasMaxLength(20);
        builder.Property(t => t.Method).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.PhoneNumber).HasMaxLength(Payment.PhoneMaxLength);
        builder.Property(t => t.Description).HasMaxLength(300);
        builder.Property(t => t.NotificationUrl).HasMaxLength(500);
        builder.Property(t => t.ReturnUrl).HasMaxLength(500);
        builder.HasIndex(t => t.MerchantReference).IsUnique();
    }
}

internal sealed class SandboxNotificationConfiguration : IEntityTypeConfiguration<SandboxNotification>
{
    public void Configure(EntityTypeBuilder<SandboxNotification> builder)
    {
        builder.Property(n => n.TransactionId).HasMaxLength(20);
        builder.Property(n => n.Url).HasMaxLength(500);
        builder.Property(n => n.LastError).HasMaxLength(500);
        builder.HasOne<SandboxTransaction>().WithMany().HasForeignKey(n => n.TransactionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.DeliverAt).HasFilter("delivered_at IS NULL");
    }
}
