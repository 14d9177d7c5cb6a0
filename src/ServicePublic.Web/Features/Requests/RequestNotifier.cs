using ServicePublic.Web.Infrastructure.Messaging;
using ServicePublic.Web.Features.Payments;

namespace ServicePublic.Web.Features.Requests;

/// <summary>
/// Tells the applicant, by email and SMS (through the outbox, saved with the change), about a
/// submission and each change of status. (Messages from the office come with the back office.)
/// </summary>
public sealed class RequestNotifier(AppDbContext db, Outbox outbox, PortalLinks links)
{
    public async Task StatusChangedAsync(Request request, string procedureTitle, CancellationToken ct)
    {
        var (email, phone) = await ContactAsync(request, ct);
        var link = links.Absolute(RequestPaths.Details(request.TrackingNumber!));
        var status = RequestLabels.Status(request.Status);
        if (request.Status == RequestStatus.AwaitingPayment)
        {
            // The applicant is on the payment page: a word by email in case they leave it.
            if (email is not null)
            {
                outbox.Email(email, $"Demande {request.TrackingNumber} : paiement à effectuer – ServicePublic",
                    $"""
                    Bonjour,

                    Votre demande « {procedureTitle} » ({request.TrackingNumber}) est enregistrée.
                    Elle sera transmise au service dès que les frais seront payés :
                    {links.Absolute(PaymentPaths.Pay(request.TrackingNumber!))}
                    """);
            }
            return;
        }
        if (request.Status == RequestStatus.Submitted && request.Events.Count(e => e.To == RequestStatus.Submitted) == 1)
        {
            if (email is not null)
            {
                outbox.Email(email, $"Demande {request.TrackingNumber} déposée – ServicePublic",
                    $"""
                    Bonjour,

                    Votre demande « {procedureTitle} » est déposée.
                    Numéro de suivi : {request.TrackingNumber}
                    Code de contrôle : {request.CheckCode}

                    Suivez-la ici : {link}
                    ou sans compte sur la page Suivi, avec ce numéro et ce code.
                    """);
            }
            if (phone is not null)
            {
                outbox.Sms(phone, SmsTexts.Filed(request.TrackingNumber!, request.CheckCode!));
            }
            return;
        }
        if (email is not null)
        {
            outbox.Email(email, $"Demande {request.TrackingNumber} : {status} – ServicePublic",
                $"""
                Bonjour,

                Votre demande « {procedureTitle} » ({request.TrackingNumber}) est maintenant : {status}.
                {request.Events.LastOrDefault()?.Comment}

                Détails : {link}
                """);
        }
        if (phone is not null)
        {
            outbox.Sms(phone, SmsTexts.StatusChanged(request.TrackingNumber!, status));
        }
    }

    /// <summary>The office wrote to the applicant (never for an internal note).</summary>
    public async Task OfficeMessageAsync(Request request, string procedureTitle, CancellationToken ct)
    {
        var (email, phone) = await ContactAsync(request, ct);
        var link = links.Absolute(RequestPaths.DetailsAtMessages(request.TrackingNumber!));
        if (email is not null)
        {
            outbox.Email(email, $"Demande {request.TrackingNumber} : nouveau message du service – ServicePublic",
                $"""
                Bonjour,

                Le service a écrit au sujet de votre demande « {procedureTitle} » ({request.TrackingNumber}).
                Lisez le message et répondez ici : {link}
                """);
        }
        if (phone is not null)
        {
            outbox.Sms(phone, SmsTexts.OfficeMessage(request.TrackingNumber!));
        }
    }

    /// <summary>The fee is paid: the request is filed, with its receipt.</summary>
    public async Task PaidAsync(Request request, Payment payment, string procedureTitle, CancellationToken ct)
    {
        var (email, phone) = await ContactAsync(request, ct);
        var receipt = links.Absolute(PaymentPaths.Receipt(payment.ReceiptNumber!));
        if (email is not null)
        {
            outbox.Email(email, $"Paiement reçu – demande {request.TrackingNumber} déposée – ServicePublic",
                $"""
                Bonjour,

                Nous avons reçu votre paiement de {Format.Xof(payment.Amount)} pour la demande « {procedureTitle} ».
                Reçu n° {payment.ReceiptNumber} : {receipt}

                Votre demande est déposée et transmise au service.
                Numéro de suivi : {request.TrackingNumber}
                Code de contrôle : {request.CheckCode}
                Suivez-la ici : {links.Absolute(RequestPaths.Details(request.TrackingNumber!))}
                """);
        }
        if (phone is not null)
        {
            outbox.Sms(phone, SmsTexts.PaymentReceived(Format.Xof(payment.Amount), payment.ReceiptNumber!, request.TrackingNumber!, request.CheckCode!));
        }
    }

    /// <summary>The applicant's confirmed email and phone (an unconfirmed one gets nothing).</summary>
    public async Task<(string? Email, string? Phone)> ContactAsync(Request request, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == request.ApplicantId)
            .Select(u => new { u.Email, u.EmailConfirmed, u.PhoneNumber, u.PhoneNumberConfirmed }).SingleAsync(ct);
        return (user.EmailConfirmed ? user.Email : null, user.PhoneNumberConfirmed ? user.PhoneNumber : null);
    }
}
