namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// One thing wrong with a form definition. <see cref="Field"/> says which field: its key in quotes,
/// or "#n" (its position) when it has no key; null when the problem is about the form as a whole.
/// </summary>
public sealed record FormProblem(string? Field, string Message)
{
    public override string ToString() => Field is null ? Message : $"Field {Field}: {Message}";
}
