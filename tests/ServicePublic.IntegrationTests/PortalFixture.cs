using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests;

/// <summary>One portal and one freshly migrated, seeded database for the whole run.</summary>
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
