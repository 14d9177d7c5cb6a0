using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class RequestConfiguration : IEntityTypeConfiguration<Request>
{
    /// <summary>Feeds tracking numbers: TG-YYYY-NNNNNNNN.</summary>
    public const string TrackingSequence = "request_tracking_numbers";

    public void Configure(EntityTypeBuilder<Request> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TrackingNumber).HasMaxLength(Request.TrackingNumberMaxLength);
        builder.HasIndex(r => r.TrackingNumber).IsUnique().HasFilter("tracking_number IS NOT NULL");
        builder.Property(r => r.CheckCode).HasMaxLength(6);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Answers).IsJsonbDictionary();
        builder.Property(r => r.Version).IsRowVersion();
        builder.Property(r => r.ReplacedAnswers).IsJsonbList();
        builder.HasOne(r => r.ProcedureVersion).WithMany().HasForeignKey(r => r.ProcedureVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Business>().WithMany().HasForeignKey(r => r.BusinessId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.AssignedClerkId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.MessagesForApplicant);
        builder.Ignore(r => r.ApplicantKind);
        builder.HasIndex(r => r.ApplicantId);
        builder.HasIndex(r => r.BusinessId);
        builder.HasIndex(r => new { r.Status, r.DueAt });
        // The clerks' queue: filed requests in its order (due date, undated last), so a page reads 25 rows (Features/BackOffice/Queue.cs).
        builder.HasIndex(r => new { r.DueAt, r.SubmittedAt, r.CreatedAt }).HasFilter("status <> 'Draft'").IncludeProperties(r => r.ProcedureVersionId)
            .HasDatabaseName("ix_requests_queue_order");
        // Its counts per status: an index-only scan of the place's versions (it also serves the foreign key).
        builder.HasIndex(r => new { r.ProcedureVersionId, r.Status });
        builder.Property(r => r.DecidedById).HasMaxLength(450);
        builder.Property(r => r.TimeWithApplicant).HasDefaultValue(TimeSpan.Zero);
    }
}

internal sealed class RequestEventConfiguration : IEntityTypeConfiguration<RequestEvent>
{
    public void Configure(EntityTypeBuilder<RequestEvent> builder)
    {
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Actor).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.Comment).HasMaxLength(Request.ReasonMaxLength);
        builder.HasIndex(e => new { e.RequestId, e.At });
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FieldKey).HasMaxLength(80);
        builder.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(40);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.StorageKey).HasMaxLength(32);
        builder.Property(a => a.UploadedById).HasMaxLength(450);
        builder.HasIndex(a => new { a.RequestId, a.FieldKey }).IsUnique().HasFilter("is_current");
        // Every attachment of a request, replaced ones included (a request's page and its history, the
        // foreign key's cascade): the partial index above holds only current ones, and without this one
        // each request read scanned the whole table (issue 13's mixed load: 40 ms a read at 84 000 rows).
        builder.HasIndex(a => a.RequestId).HasDatabaseName("ix_attachments_request_id");
    }
}

internal sealed class RequestMessageConfiguration : IEntityTypeConfiguration<RequestMessage>
{
    public void Configure(EntityTypeBuilder<RequestMessage> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        builder.Property(m => m.Body).HasMaxLength(RequestMessage.BodyMaxLength);
        builder.Property(m => m.FileName).HasMaxLength(Attachment.FileNameMaxLength);
        builder.Property(m => m.ContentType).HasMaxLength(40);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.StorageKey).HasMaxLength(32);
        builder.HasIndex(m => new { m.RequestId, m.SentAt });
    }
}
