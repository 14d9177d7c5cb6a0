namespace ServicePublic.Web.Data.Seeding;

/// <summary>
/// One thing wrong with a procedure entry, in French. <see cref="Where"/> says what it is about:
/// "field:{key}" (or "field:#n" for a field without a key), "fee:{index}", "document:{index}",
/// "rule:{index}" (indexes from 0), the name of a member of the entry ("title", "ministry"...),
/// or null for the procedure as a whole.
/// </summary>
public sealed record EntryProblem(string? Where, string Message);
