namespace ServicePublic.Web.Domain.Forms;

/// <summary>
/// One thing wrong with a form definition, in French. <see cref="Field"/> says which field: its key,
/// or "#n" (its position from 1) when it has no key; null when the problem is about the form as a whole.
/// </summary>
public sealed record FormProblem(string? Field, string Message)
{
    public override string ToString() => Field is null ? Message : $"Champ « {Field} » : {Message}";
}
