using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Infrastructure.Limits;

namespace ServicePublic.Web.Features.Telephone;

/// <summary>
/// Answers status questions from basic phones, by SMS and by USSD alike. A phone number gets
/// <see cref="TelephoneOptions.QuestionsPerHour"/> answers an hour, counted in PostgreSQL so that
/// every node counts together; a wrong number, a wrong code, another person's request and garbage
/// all get the same short answer, which says nothing of what exists.
/// </summary>
public sealed class PhoneDesk(RequestQueries queries, RateCounters counters, IOptions<TelephoneOptions> options)
{
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
