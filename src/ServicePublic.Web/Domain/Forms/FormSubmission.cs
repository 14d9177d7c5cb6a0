using System.Globalization;

namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// What an applicant sent for a form: the text typed per field key (a multiple choice as its
/// options one per line, so every answer is one string and the whole fits a jsonb object), the
/// keys of the File fields that have an upload, and whom the request is for (an individual or a
/// business), which decides the fields that apply.
/// </summary>
public sealed record FormSubmission(
    IReadOnlyDictionary<string, string?> Answers,
    IReadOnlySet<string> Files,
    Audience Applicant = Audience.Both)
{
    public const char ChoiceSeparator = '\n';

    public FormSubmission(IReadOnlyDictionary<string, string?> answers)
        : this(answers, new HashSet<string>())
    {
    }

    /// <summary>The trimmed answer, or null when the field was left blank.</summary>
    public string? Answer(string key) =>
        Answers.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public bool HasFile(string key) => Files.Contains(key);

    /// <summary>
    /// How many blocks of a repeatable group were filled in: its answer, within its bounds; its
    /// minimum when missing or not a whole number.
    /// </summary>
    public int ItemCount(FormField group)
    {
        var (min, max) = FormDefinition.ItemBounds(group);
        return int.TryParse(Answer(group.Key), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? Math.Clamp(count, min, max) : min;
    }

    /// <summary>The options chosen in a multiple-choice answer.</summary>
    public static IReadOnlyList<string> Choices(string? answer) =>
        (answer ?? "").Split(ChoiceSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A multiple-choice answer from the options chosen.</summary>
    public static string JoinChoices(IEnumerable<string> choices) => string.Join(ChoiceSeparator, choices);
}
