using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Infrastructure.Limits;
using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.Web.Features.Telephone;

/// <summary>
/// Answers status questions from basic phones, by SMS and by USSD alike. A phone number gets
/// <see cref="TelephoneOptions.QuestionsPerHour"/> answers an hour, counted in PostgreSQL so that
/// every node counts together; a wrong number, a wrong code, another person's request and garbage
/// all get the same short answer, which says nothing of what exists.
/// </summary>
public sealed class PhoneDesk(RequestQueries queries, RateCounters counters, Outbox outbox, AppDbContext db, IOptions<TelephoneOptions> options)
{
    /// <summary>Answers an SMS by SMS, queued in the outbox (sent and retried like any); the answer, or null when none is due.</summary>
    public async Task<string?> AnswerSmsAsync(string phone, string? text, CancellationToken ct)
    {
        var reply = await AnswerAsync(phone, PhoneCommand.Parse(text), ct);
        if (reply is not null)
        {
            outbox.Sms(phone, reply);
            await db.SaveChangesAsync(ct);
        }
        return reply;
    }

    /// <summary>The next USSD screen for what was typed so far (<see cref="UssdMenu"/>), the answer ending the session.</summary>
    public async Task<string> AnswerUssdAsync(string phone, string? text, CancellationToken ct)
    {
        var (screen, command) = UssdMenu.Next(text);
        return screen ?? "END " + (await AnswerAsync(phone, command, ct) ?? PhoneReplies.TooMany);
    }

    /// <summary>The reply to a question from <paramref name="phone"/>; null when it asked too often and was already told.</summary>
    public async Task<string?> AnswerAsync(string phone, PhoneCommand? command, CancellationToken ct)
    {
        var asked = await counters.HitAsync(RateCounters.Key("phone-status", phone), TimeSpan.FromHours(1), ct);
        var limit = options.Value.QuestionsPerHour;
        if (asked > limit)
        {
            // Told once; after that, silence: each SMS sent costs the state, and answers a script.
            return asked == limit + 1 ? PhoneReplies.TooMany : null;
        }
        var found = command is null ? null : await queries.TrackAsync(command.TrackingNumber, command.CheckCode, ct);
        return found is null ? PhoneReplies.NotFound
            : command!.Query == PhoneQuery.Appointment ? PhoneReplies.Appointment(found)
            : PhoneReplies.Status(found);
    }
}
