namespace ServicePublic.Web.Features.Administration;

/// <summary>The French name of each role, as shown (and translated through the resources).</summary>
public static class RoleLabels
{
    public static string Of(string role) => role switch
    {
        Roles.Citizen => "Citoyen",
        Roles.Agent => "Agent",
        Roles.Supervisor => "Superviseur",
        Roles.Administrator => "Administrateur",
        Roles.Editor => "Rédacteur de démarches",
        Roles.Publisher => "Publicateur de démarches",
        _ => role,
    };
}
