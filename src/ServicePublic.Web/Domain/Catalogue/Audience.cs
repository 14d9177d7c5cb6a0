namespace ServicePublic.Web.Domain.Catalogue;

/// <summary>Who may file a procedure.</summary>
public enum Audience
{
    Individuals = 1,
    Companies = 2,
    Both = 3,
}

/// <summary>Whom a required document concerns.</summary>
public enum DocumentAudience
{
    All = 0,
    Individuals = 1,
    Companies = 2,
}

public enum ProcedureStatus
{
    Active = 1,
    Suspended = 2,

    /// <summary>Written in the procedure builder, never published: not in the catalogue.</summary>
    Unpublished = 3,

    /// <summary>Withdrawn: no current version, out of the catalogue; filed requests keep theirs.</summary>
    Archived = 4,
}

public static class AudienceExtensions
{
    public static bool Includes(this Audience audience, Audience who) =>
        audience == Audience.Both || who == Audience.Both || audience == who;
}
