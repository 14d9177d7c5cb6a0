namespace ServicePublic.IntegrationTests.Caching;

/// <summary>The pages anyone may keep a copy of when read anonymously, as the tests of caching visit them.</summary>
internal static class PublicPages
{
    public static readonly TheoryData<string> All = new()
    {
        "/",
        "/demarches",
        "/demarches?q=passeport&public=particuliers",
        "/demarches/carte-importateur",
        "/ministeres",
        "/ministeres/MDERM",
        "/statistiques",
        "/statistiques/demarches/carte-importateur",
    };

    /// <summary>The same page under an address no other test asks for: a fresh output cache entry.</summary>
    public static string Fresh(string url) => url + (url.Contains('?') ? "&" : "?") + "essai=" + Guid.NewGuid().ToString("N");

    public static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.TryGetValues(name, out var content) ? content : []);
}
