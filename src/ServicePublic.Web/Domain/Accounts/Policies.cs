namespace ServicePublic.Web.Domain.Accounts;

/// <summary>Authorization policies, beside the roles they admit (registered in Setup/Authorization.cs).</summary>
public static class Policies
{
    /// <summary>Clerks, supervisors and administrators, signed in with a second factor.</summary>
    public const string BackOffice = nameof(BackOffice);
    public const string Supervision = nameof(Supervision);
    public const string Administration = nameof(Administration);

    /// <summary>Editors, publishers and administrators, signed in with a second factor: the procedure builder.</summary>
    public const string Edition = nameof(Edition);

    /// <summary>A member (owner or representative) of the business given as resource.</summary>
    public const string BusinessMember = nameof(BusinessMember);

    /// <summary>An owner of the business given as resource.</summary>
    public const string BusinessOwner = nameof(BusinessOwner);
}
