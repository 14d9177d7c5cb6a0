namespace ServicePublic.Web.Features.Language;

public static class LanguagePaths
{
    /// <summary>GET /langue?culture=en&amp;retour=/demarches: sets the language, then back to the page.</summary>
    public const string Switch = "/langue";
}
