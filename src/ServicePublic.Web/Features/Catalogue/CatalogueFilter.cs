namespace ServicePublic.Web.Features.Catalogue;

/// <summary>The catalogue's filters as read from the address (?q=&amp;ministere=&amp;public=&amp;categorie=&amp;page=).</summary>
public sealed record CatalogueFilter(string? Query, string? Ministry, Audience? Audience, string? Category, int Page)
{
    public const int MaxQueryLength = 200;
    public const int PageSize = 20;
    public const string Individuals = "particuliers";
    public const string Companies = "entreprises";

    /// <summary>Reads raw query-string values, tolerating anything a visitor may type.</summary>
    public static CatalogueFilter From(string? q, string? ministere, string? @public, string? categorie, string? page)
    {
        var query = q?.Trim();
        if (query?.Length > MaxQueryLength)
        {
            query = query[..MaxQueryLength];
        }
        var audience = @public?.Trim().ToLowerInvariant() switch
        {
            Individuals => Domain.Catalogue.Audience.Individuals,
            Companies => Domain.Catalogue.Audience.Companies,
            _ => (Audience?)null,
        };
        var pageNumber = int.TryParse(page, out var p) && p > 0 ? p : 1;
        return new CatalogueFilter(
            string.IsNullOrWhiteSpace(query) ? null : query,
            Clean(ministere)?.ToUpperInvariant(),
            audience,
            Clean(categorie)?.ToLowerInvariant(),
            pageNumber);
    }

    public string? AudienceSlug => Audience switch
    {
        Domain.Catalogue.Audience.Individuals => Individuals,
        Domain.Catalogue.Audience.Companies => Companies,
        _ => null,
    };

    public bool IsEmpty => Query is null && Ministry is null && Audience is null && Category is null;

    /// <summary>Route values for a link to this filter, on another page or with one filter changed.</summary>
    public Dictionary<string, string?> RouteValues(int? page = null) => new()
    {
        ["q"] = Query,
        ["ministere"] = Ministry,
        ["public"] = AudienceSlug,
        ["categorie"] = Category,
        ["page"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    };

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > 80 ? null : value.Trim();
}
