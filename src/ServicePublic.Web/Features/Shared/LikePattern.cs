namespace ServicePublic.Web.Features.Shared;

/// <summary>
/// A user's search text as a LIKE/ILIKE pattern that matches it literally: "50%" finds "50%", not
/// "500". Pass <see cref="Escape"/> to EF.Functions.ILike: without it Npgsql sends ESCAPE '' and
/// the backslashes would be searched for as text.
/// </summary>
internal static class LikePattern
{
    public const string Escape = @"\";

    /// <summary>Matches any text that contains <paramref name="text"/>.</summary>
    public static string Containing(string text) => "%" + Literal(text) + "%";

    private static string Literal(string text) =>
        text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);
}
