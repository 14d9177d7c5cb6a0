namespace ServicePublic.Web.Domain.Accounts;

public static class Roles
{
    public const string Citizen = nameof(Citizen);
    public const string Agent = nameof(Agent);
    public const string Supervisor = nameof(Supervisor);
    public const string Administrator = nameof(Administrator);

    /// <summary>Writes their ministry's procedures as drafts (the procedure builder, /edition).</summary>
    public const string Editor = nameof(Editor);

    /// <summary>Reviews and publishes their ministry's procedures; never their own last edit.</summary>
    public const string Publisher = nameof(Publisher);

    public static readonly string[] All = [Citizen, Agent, Supervisor, Administrator, Editor, Publisher];

    /// <summary>Roles that reach the back office, and therefore need a second factor.</summary>
    public static readonly string[] Staff = [Agent, Supervisor, Administrator];

    /// <summary>Roles that reach the procedure builder (administrators act on every ministry).</summary>
    public static readonly string[] Edition = [Editor, Publisher, Administrator];

    /// <summary>Every role whose holder must sign in with a second factor.</summary>
    public static readonly string[] SecondFactor = [.. Staff, Editor, Publisher];
}
