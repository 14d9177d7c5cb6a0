using System.Globalization;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.Web.Features.Appointments;

/// <summary>
/// What the applicant is told of its appointment, by email (all of it: address, what to bring, the
/// code, until when it can be moved) and by SMS (one GSM-7 SMS: when, where, the code), through
/// the outbox in the same transaction as the change.
/// </summary>
public sealed class AppointmentNotices(RequestNotifier notifier, Outbox outbox, PortalLinks links)
{
    public async Task BookedAsync(Request request, Appointment appointment, Place place, InPersonStep step, bool moved, CancellationToken ct)
    {
        var (email, phone) = await notifier.ContactAsync(request, ct);
        var when = SmsTexts.When(appointment.StartsAt);
        if (email is not null)
        {
            outbox.Email(email, $"Rendez-vous {(moved ? "déplacé" : "confirmé")} le {Format.DateTime(appointment.StartsAt)} – demande {request.TrackingNumber} – ServicePublic",
                $"""
                Bonjour,

                Votre rendez-vous pour la demande « {request.ProcedureVersion.Title} » ({request.TrackingNumber}) est {(moved ? "déplacé" : "confirmé")} :

                Le {Format.DateTime(appointment.StartsAt)} (heure de Lomé)
                {place.Name}
                {place.Address}
                Code du rendez-vous : {appointment.Code}

                À apporter : {step.Bring}.

                Vous pouvez le déplacer ou l'annuler jusqu'au {Format.DateTime(step.ChangeDeadline(appointment.StartsAt))} :
                {links.Absolute(AppointmentPaths.OnRequest(request.TrackingNumber!))}
                """);
        }
        if (phone is not null)
        {
            outbox.Sms(phone, SmsTexts.AppointmentBooked(when, place.Name, appointment.Code, request.TrackingNumber!));
        }
    }

    public async Task CancelledAsync(Request request, Appointment appointment, CancellationToken ct)
    {
        var (email, phone) = await notifier.ContactAsync(request, ct);
        if (email is not null)
        {
            outbox.Email(email, $"Rendez-vous annulé – demande {request.TrackingNumber} – ServicePublic",
                $"""
                Bonjour,

                Votre rendez-vous du {Format.DateTime(appointment.StartsAt)} pour la demande {request.TrackingNumber} est annulé.
                Vous pouvez en prendre un autre ici : {links.Absolute(AppointmentPaths.OnRequest(request.TrackingNumber!))}
                """);
        }
        if (phone is not null)
        {
            outbox.Sms(phone, SmsTexts.AppointmentCancelled(SmsTexts.When(appointment.StartsAt), request.TrackingNumber!));
        }
    }

    public async Task ReminderAsync(Request request, Appointment appointment, Place place, InPersonStep step, CancellationToken ct)
    {
        var (email, phone) = await notifier.ContactAsync(request, ct);
        if (email is not null)
        {
            outbox.Email(email, $"Rappel : rendez-vous le {Format.DateTime(appointment.StartsAt)} – ServicePublic",
                $"""
                Bonjour,

                Nous vous rappelons votre rendez-vous pour la demande « {request.ProcedureVersion.Title} » ({request.TrackingNumber}) :
                le {Format.DateTime(appointment.StartsAt)}, {place.Name}, {place.Address}.
                Code du rendez-vous : {appointment.Code}
                À apporter : {step.Bring}.

                Un empêchement ? Déplacez-le ou annulez-le jusqu'au {Format.DateTime(step.ChangeDeadline(appointment.StartsAt))} :
                {links.Absolute(AppointmentPaths.OnRequest(request.TrackingNumber!))}
                """);
        }
        if (phone is not null)
        {
            outbox.Sms(phone, SmsTexts.AppointmentReminder(SmsTexts.When(appointment.StartsAt), place.Name, appointment.Code, request.TrackingNumber!));
        }
    }

    public async Task EarlierSlotAsync(Request request, AppointmentSlot freed, Place place, CancellationToken ct)
    {
        var (email, phone) = await notifier.ContactAsync(request, ct);
        var link = links.Absolute(AppointmentPaths.BookingOn(request.TrackingNumber!, place.Id, DateOnly.FromDateTime(freed.StartsAt.UtcDateTime)));
        if (email is not null)
        {
            outbox.Email(email, $"Une date plus proche s'est libérée – demande {request.TrackingNumber} – ServicePublic",
                $"""
                Bonjour,

                Vous avez demandé à être prévenu si une date plus proche se libérait pour votre rendez-vous (demande {request.TrackingNumber}).
                Une place est libre le {Format.DateTime(freed.StartsAt)}, {place.Name}.
                Elle est au premier qui la prend : {link}
                """);
        }
        if (phone is not null)
        {
            outbox.Sms(phone, SmsTexts.EarlierSlot(SmsTexts.When(freed.StartsAt), place.Name, request.TrackingNumber!));
        }
    }

    public async Task InvitedAsync(Request request, CancellationToken ct)
    {
        var (email, phone) = await notifier.ContactAsync(request, ct);
        if (email is not null)
        {
            outbox.Email(email, $"Prenez rendez-vous – demande {request.TrackingNumber} – ServicePublic",
                $"""
                Bonjour,

                Votre dossier « {request.ProcedureVersion.Title} » ({request.TrackingNumber}) est prêt pour votre passage au guichet.
                Choisissez votre rendez-vous ici : {links.Absolute(AppointmentPaths.Booking(request.TrackingNumber!))}
                """);
        }
        if (phone is not null)
        {
            outbox.Sms(phone, SmsTexts.InvitedToBook(request.TrackingNumber!));
        }
    }
}
