using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using ServicePublic.Web.Domain.Auditing;
using ServicePublic.Web.Domain.Documents;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Domain.Supervision;
using ServicePublic.Web.Data.Configurations;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>French text search configuration, accent-insensitive (created by a migration).</summary>
    public const string SearchConfiguration = "fr_unaccent";

    public DbSet<Ministry> Ministries => Set<Ministry>();
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();
    public DbSet<ServicePublic.Web.Domain.Edition.ProcedureDraft> ProcedureDrafts => Set<ServicePublic.Web.Domain.Edition.ProcedureDraft>();
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<BusinessMember> BusinessMembers => Set<BusinessMember>();
    public DbSet<BusinessInvitation> BusinessInvitations => Set<BusinessInvitation>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Request> Requests => Set<Request>();
    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<RequestMessage> RequestMessages => Set<RequestMessage>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentCallback> PaymentCallbacks => Set<PaymentCallback>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<SmsCode> SmsCodes => Set<SmsCode>();
    public DbSet<RateCounter> RateCounters => Set<RateCounter>();
    public DbSet<Place> Places => Set<Place>();
    public DbSet<InPersonStep> InPersonSteps => Set<InPersonStep>();
    public DbSet<AppointmentSlot> AppointmentSlots => Set<AppointmentSlot>();
    public DbSet<Appointment> Appointments => Set<Appointment>();

    /// <summary>
    /// The audit entries recorded in the current transaction, linked into the chain as it commits
    /// (Infrastructure/Auditing/AuditChainWriter.cs).
    /// </summary>
    internal List<AuditEntry> AuditEntriesToChain { get; } = [];

    /// <summary>The sandbox provider's own books (only used when the sandbox is enabled).</summary>
    public DbSet<SandboxTransaction> SandboxTransactions => Set<SandboxTransaction>();
    public DbSet<SandboxNotification> SandboxNotifications => Set<SandboxNotification>();

    /// <summary>Data Protection keys: shared by every instance, so a restart or a second node signs nobody out.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The target delay, in days, that feeds a request's due date when its clock starts.</summary>
    public Task<int?> TargetDaysAsync(int procedureVersionId, CancellationToken ct) =>
        ProcedureVersions.Where(v => v.Id == procedureVersionId).Select(ProcedureVersion.TargetDaysQuery).SingleAsync(ct);

    /// <summary>Rows of the search_procedure_versions() SQL function.</summary>
    public IQueryable<ProcedureSearchHit> SearchProcedureVersions(string query) =>
        Set<ProcedureSearchHit>().FromSql($"SELECT * FROM search_procedure_versions({query})");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("unaccent");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasSequence<long>(RequestConfiguration.TrackingSequence);
        modelBuilder.HasSequence<long>(PaymentConfiguration.ReceiptSequence);
        modelBuilder.HasSequence<long>(IssuedDocumentConfiguration.NumberSequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

/// <summary>A procedure version matching a search, with its relevance.</summary>
public sealed class ProcedureSearchHit
{
    public int VersionId { get; init; }
    public double Rank { get; init; }
}
