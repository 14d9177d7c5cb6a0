using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests;

/// <summary>
/// One portal on a freshly migrated, seeded database of its own: for the whole run as the portal
/// collection's fixture, or for one class as its class fixture.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;

    public HttpClient CreateClient() => Factory.CreatePortalClient();

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(await TestDatabase.CreateAsync("sp_it"));
        Factory.Start();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
