using ServicePublic.Web.Domain.Messaging;

namespace ServicePublic.Web.Infrastructure.Messaging;

/// <summary>
/// Queues emails and SMS in the same unit of work as the change they tell about: they are
/// saved by the caller's SaveChanges, so nobody is told of a change that was not stored.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock)
{
    public void Email(string to, string subject, string body) =>
        db.OutboxMessages.Add(OutboxMessage.Email(to, subject, body, clock.GetUtcNow()));

    /// <summary>An SMS, in GSM-7 (<see cref="Gsm7.Fold"/>): accents would make it a 70-character UCS-2 SMS.</summary>
    public void Sms(string to, string body) =>
        db.OutboxMessages.Add(OutboxMessage.Sms(to, Gsm7.Fold(body), clock.GetUtcNow()));
}
