namespace ServicePublic.Web.Domain.Accounts;

public static class Roles
{
    public const string Citizen = nameof(Citizen);
    public const string Agent = nameof(Agent);
    public const string Supervisor = nameof(Supervisor);
    public const string Administrator = nameof(Administrator);

    public static readonly string[] All = [Citizen, Agent, Supervisor, Administrator];

    /// <summary>Roles that reach the back office, and therefore need a second factor.</summary>
    public static readonly string[] Staff = [Agent, Supervisor, Administrator];
}
