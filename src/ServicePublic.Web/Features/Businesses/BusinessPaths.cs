namespace ServicePublic.Web.Features.Businesses;

public static class BusinessPaths
{
    public const string Mine = "/compte/entreprises";
    public const string Create = "/compte/entreprises/nouvelle";

    public static string Business(int id) => $"{Mine}/{id}";

    public static string Invite(int id) => Business(id) + "/invitations";

    public static string Leave(int id) => Business(id) + "/quitter";

    public static string RemoveMember(int id, string userId) => $"{Business(id)}/membres/{PathSegment.Of(userId)}/retirer";

    public static string Invitation(int invitationId) => $"{Mine}/invitations/{invitationId}";

    /// <summary>The link an invited person receives.</summary>
    public static string AcceptInvitation(string token) => Mine + "/invitation" + PathSegment.Query(("jeton", token));
}
