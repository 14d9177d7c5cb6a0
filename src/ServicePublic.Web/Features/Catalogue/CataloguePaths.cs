namespace ServicePublic.Web.Features.Catalogue;

/// <summary>The addresses of the catalogue: the only place they are written (routes are in CatalogueController).</summary>
public static class CataloguePaths
{
    public const string Home = "/";
    public const string Procedures = "/demarches";

    public static string Procedure(string slug) => $"/demarches/{PathSegment.Of(slug)}";

    /// <summary>The catalogue filtered: audience "particuliers" or "entreprises", a ministry's code, a category's slug.</summary>
    public static string Search(string? q = null, string? audience = null, string? ministry = null, string? category = null) =>
        Procedures + PathSegment.Query(("q", q), ("public", audience), ("ministere", ministry), ("categorie", category));
}
