using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServicePublic.Web.Domain.Appointments;

namespace ServicePublic.Web.Data.Configurations;

internal sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> builder)
    {
        builder.ToTable("places");
        builder.Property(p => p.Name).HasMaxLength(Place.NameMaxLength);
        builder.Property(p => p.Address).HasMaxLength(Place.AddressMaxLength);
        builder.Property(p => p.Hours).IsJsonbList();
        builder.Property(p => p.Closures).IsJsonbList();
        builder.HasOne(p => p.Office).WithMany().HasForeignKey(p => p.OfficeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.OfficeId, p.Name }).IsUnique();
    }
}

internal sealed class InPersonStepConfiguration : IEntityTypeConfiguration<InPersonStep>
{
    public void Configure(EntityTypeBuilder<InPersonStep> builder)
    {
        builder.ToTable("in_person_steps");
        builder.HasKey(s => s.ProcedureId);
        builder.HasOne(s => s.Procedure).WithOne().HasForeignKey<InPersonStep>(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Opening).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.WhatToBring).HasMaxLength(InPersonStep.BringMaxLength);
    }
}

internal sealed class AppointmentSlotConfiguration : IEntityTypeConfiguration<AppointmentSlot>
{
    public void Configure(EntityTypeBuilder<AppointmentSlot> builder)
    {
        builder.ToTable("appointment_slots", t =>
        {
            // The database, not the code, keeps a slot from being over-booked.
            t.HasCheckConstraint("ck_appointment_slots_within_capacity", "booked >= 0 AND booked <= capacity");
            t.HasCheckConstraint("ck_appointment_slots_minutes", "minutes > 0");
        });
        builder.HasOne(s => s.Place).WithMany().HasForeignKey(s => s.PlaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Catalogue.Procedure>().WithMany().HasForeignKey(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        // Written ahead with ON CONFLICT DO NOTHING: a slot exists once, whichever node writes it.
        builder.HasIndex(s => new { s.ProcedureId, s.PlaceId, s.StartsAt }).IsUnique();
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointments");
        builder.Property(a => a.Code).HasMaxLength(Appointment.CodeLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.BookedById).HasMaxLength(450);
        builder.Property(a => a.EndedById).HasMaxLength(450);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne(a => a.Request).WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Slot).WithMany().HasForeignKey(a => a.SlotId).OnDelete(DeleteBehavior.Restrict);
        // One active appointment per request, whoever books it and however many tabs are open.
        builder.HasIndex(a => a.RequestId, "ix_appointments_one_active_per_request").IsUnique().HasFilter("status IN ('Booked', 'Present')");
        // A request's appointments, past ones included (its page, a cascade on delete).
        builder.HasIndex(a => a.RequestId, "ix_appointments_request_id");
        builder.HasIndex(a => a.SlotId);
        // The reminders' claim: booked appointments with a reminder still to send.
        builder.HasIndex(a => a.StartsAt).HasFilter("status = 'Booked' AND (first_reminder_at IS NOT NULL OR last_reminder_at IS NOT NULL)").HasDatabaseName("ix_appointments_reminders");
    }
}
