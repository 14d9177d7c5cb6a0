using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using static ServicePublic.Web.Domain.Forms.FormMessages;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>One rule a non-blank answer must pass, and what to say when it does not.</summary>
internal sealed record FieldCheck(Func<string, bool> IsValid, FormMessage Message);

/// <summary>How the answer to each type of field is read and checked.</summary>
public static partial class FieldChecks
{
    public const int ShortTextMaxLength = 200;
    public const int LongTextMaxLength = 4000;
    public const int EmailMaxLength = 254;
    public const string Today = "today";
    public const string Yes = "oui";
    public const string No = "non";

    /// <summary>
    /// A pattern gets this long to match one answer. NonBacktracking already keeps matching linear:
    /// this only guards against the unforeseen, so it is generous enough that a busy server (whose
    /// first match also builds the pattern's automaton) never refuses a valid answer.
    /// </summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(2);

    // Patterns come from procedure versions (a few dozen): each is built once, not at every check.
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>
    /// The longest answer a field takes, whatever its type: a number, a phone or a NIF may carry
    /// spaces, and choices could be repeated, so each is bounded too, before it is read or saved.
    /// </summary>
    public static int MaxLength(FormField field) => field.Type switch
    {
        FieldType.ShortText => field.MaxLength ?? ShortTextMaxLength,
        FieldType.LongText => field.MaxLength ?? LongTextMaxLength,
        FieldType.Email => EmailMaxLength,
        FieldType.SingleChoice => field.Options.Select(o => o.Length).DefaultIfEmpty(0).Max(),
        FieldType.MultipleChoice => FormSubmission.JoinChoices(field.Options).Length,
        _ => CodeMaxLength,
    };

    /// <summary>Numbers, dates, yes/no, phone numbers and NIFs: generous for spaces, far below what could weigh on storage.</summary>
    public const int CodeMaxLength = 40;

    internal static IEnumerable<FieldCheck> For(FormField field, DateOnly today)
    {
        // A choice not among the options says so; a length only bounds the repeats of valid ones.
        var isChoice = field.Type is FieldType.SingleChoice or FieldType.MultipleChoice;
        var maxLength = MaxLength(field);
        var length = new FieldCheck(v => v.Length <= maxLength, new(MaxLengthMessage, maxLength));
        if (!isChoice)
        {
            yield return length;
        }
        switch (field.Type)
        {
            case FieldType.ShortText or FieldType.LongText:
                if (field.MinLength is { } minLength)
                {
                    yield return new(v => v.Length >= minLength, new(MinLengthMessage, minLength));
                }
                if (field.Type == FieldType.ShortText && !string.IsNullOrEmpty(field.Pattern))
                {
                    var pattern = Pattern(field.Pattern);
                    yield return new(v => Matches(pattern, v), new(PatternMessage));
                }
                break;
            case FieldType.Number:
                yield return new(v => TryParseNumber(v, out _), new(NumberMessage));
                if (field.Min is { } min)
                {
                    yield return new(v => TryParseNumber(v, out var n) && n >= min, new(AtLeastMessage, min));
                }
                if (field.Max is { } max)
                {
                    yield return new(v => TryParseNumber(v, out var n) && n <= max, new(AtMostMessage, max));
                }
                break;
            case FieldType.Date:
                yield return new(v => TryParseDate(v, out _), new(DateMessage));
                if (TryResolveDate(field.MinDate, today, out var minDate))
                {
                    yield return new(v => TryParseDate(v, out var d) && d >= minDate, new(NotBeforeMessage, minDate));
                }
                if (TryResolveDate(field.MaxDate, today, out var maxDate))
                {
                    yield return new(v => TryParseDate(v, out var d) && d <= maxDate, new(NotAfterMessage, maxDate));
                }
                break;
            case FieldType.SingleChoice:
                yield return new(v => field.Options.Contains(v, StringComparer.Ordinal), new(ChoiceMessage));
                break;
            case FieldType.MultipleChoice:
                yield return new(v => FormSubmission.Choices(v).All(c => field.Options.Contains(c, StringComparer.Ordinal)), new(ChoiceMessage));
                break;
            case FieldType.YesNo when IsConfirmation(field):
                yield return new(IsYes, new(ConfirmMessage));
                break;
            case FieldType.YesNo:
                yield return new(v => IsYes(v) || v.Equals(No, StringComparison.OrdinalIgnoreCase), new(YesNoMessage));
                break;
            case FieldType.Email:
                yield return new(IsEmail, new(EmailMessage));
                break;
            case FieldType.Phone:
                yield return new(v => PhoneNumbers.Normalize(v) is not null, new(PhoneMessage));
                break;
            case FieldType.Nif:
                yield return new(IsNif, new(NifMessage));
                break;
            case FieldType.Rccm:
                yield return new(IsRccm, new(RccmMessage));
                break;
        }
        if (isChoice)
        {
            yield return length;
        }
    }

    /// <summary>A YesNo whose only option is "oui": a box the applicant must tick (an attestation).</summary>
    public static bool IsConfirmation(FormField field) =>
        field.Type == FieldType.YesNo && field.Options is [var only] && only == Yes;

    public static bool IsYes(string answer) => answer.Equals(Yes, StringComparison.OrdinalIgnoreCase);

    /// <summary>"1234.5", "1234,5" and "1 234,5" alike: the decimal comma is what French speakers type.</summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace(',', '.');
        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>
    /// A date bound of a definition: "yyyy-MM-dd", or "today", "today-45d", "today+30d" (days)
    /// resolved when checking. False for anything else, and for a bound out of the calendar.
    /// </summary>
    public static bool TryResolveDate(string? bound, DateOnly today, out DateOnly value)
    {
        value = default;
        if (bound is null)
        {
            return false;
        }
        if (bound == Today)
        {
            value = today;
            return true;
        }
        if (RelativeDate().Match(bound) is not { Success: true } relative)
        {
            return TryParseDate(bound, out value);
        }
        var days = long.Parse(relative.Groups["days"].Value, CultureInfo.InvariantCulture);
        var day = today.DayNumber + (relative.Groups["sign"].Value == "-" ? -days : days);
        if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
        {
            return false;
        }
        value = DateOnly.FromDayNumber((int)day);
        return true;
    }

    /// <summary>Whether a definition's bound is one <see cref="TryResolveDate"/> reads, whatever the day.</summary>
    public static bool IsDateBound(string? bound) => TryResolveDate(bound, new DateOnly(2000, 1, 1), out _);

    [GeneratedRegex("^today(?<sign>[+-])(?<days>[0-9]{1,5})d\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeDate();

    /// <summary>A Togolese trade register (RCCM) number, in either case: "TG-LFW-01-2024-B12-00123", "TG-LOM-2019-A-1234".</summary>
    public static bool IsRccm(string text) => RccmFormat().IsMatch(text.Trim().ToUpperInvariant());

    [GeneratedRegex("^TG-[A-Z]{3}(-[0-9]{2})?-[0-9]{4}-[A-Z][0-9]{0,2}-[0-9]{1,6}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RccmFormat();

    public static bool IsNif(string text)
    {
        var digits = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        return digits.Length is >= 9 and <= 13 && digits.All(char.IsAsciiDigit);
    }

    public static bool IsEmail(string text) =>
        text.Length <= EmailMaxLength
        && !text.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// The whole answer must match. NonBacktracking makes matching linear in the answer's length,
    /// so no pattern can hang a request; the timeout is a second guard. Throws for a pattern that
    /// is invalid or uses what NonBacktracking lacks (backreferences, lookarounds).
    /// </summary>
    public static Regex Pattern(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex($@"\A(?:{p})\z", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, PatternTimeout));

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
