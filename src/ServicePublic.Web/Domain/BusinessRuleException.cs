namespace ServicePublic.Web.Domain;

/// <summary>A rule of the domain refused an action; its message is meant for the user, in French.</summary>
/// <param name="field">
/// The input the refusal is about (the refusing method's parameter name, like ArgumentException's),
/// so that a page can show the message next to the matching form field instead of guessing from its text.
/// </param>
public sealed class BusinessRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
