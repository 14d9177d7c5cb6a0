using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// Portal nodes on one database, as behind a load balancer: <see cref="A"/> and <see cref="B"/>
/// with the portal's settings, <see cref="Quick"/> with streams short enough to watch end.
/// </summary>
public sealed class LiveNodes : IAsyncLifetime
{
    public const int QuickHeartbeatSeconds = 1;
    public const int QuickStreamSeconds = 4;
    public const int QuickStreamsPerUser = 2;

    public string ConnectionString { get; private set; } = "";
    public PortalFactory A { get; private set; } = null!;
    public PortalFactory B { get; private set; } = null!;
    public PortalFactory Quick { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("sp_live");
        A = new PortalFactory(ConnectionString);
        B = new PortalFactory(ConnectionString);
        Quick = new PortalFactory(ConnectionString, settings: new Dictionary<string, string>
        {
            ["Supervision:Live:HeartbeatSeconds"] = $"{QuickHeartbeatSeconds}",
            ["Supervision:Live:StreamSeconds"] = $"{QuickStreamSeconds}",
            ["Supervision:Live:StreamsPerUser"] = $"{QuickStreamsPerUser}",
        });
        foreach (var node in new[] { A, B, Quick })
        {
            node.Start();
        }
        // A notification sent before a node listens is not for it: start listening first.
        await B.ListeningAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { Quick, B, A })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
    }
}
