using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Caching;

/// <summary>A portal with its output cache on, as in production, on a database of its own (its tests publish and suspend procedures).</summary>
public sealed class CachedPortalFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string> { ["OutputCache:Enabled"] = "true" };

    public PortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(await TestDatabase.CreateAsync("sp_cache"), settings: Settings);
        Factory.Start();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
