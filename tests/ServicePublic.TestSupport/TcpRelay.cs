using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ServicePublic.TestSupport;

/// <summary>
/// A loopback port in front of the test cluster that a test can close and reopen: closed, it
/// refuses new connections and cuts the open ones, as a stopped or restarting PostgreSQL would;
/// reopened, on the same port, it relays again. So a portal pointed at <see cref="ConnectionString"/>
/// sees its database go and come back, without stopping the cluster other tests use.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;

    private TcpRelay(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        _target = new IPEndPoint(Dns.GetHostAddresses(database.Host!).First(a => a.AddressFamily == AddressFamily.InterNetwork), database.Port);
        // A port of its own, found by listening on port 0 once.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>The database's connection string, through the relay.</summary>
    public string ConnectionString { get; }

    /// <summary>A relay to the database of <paramref name="connectionString"/>, open or closed.</summary>
    public static TcpRelay To(string connectionString, bool open)
    {
        var relay = new TcpRelay(connectionString);
        if (open)
        {
            relay.Open();
        }
        return relay;
    }

    /// <summary>Listens again on the same port.</summary>
    public void Open()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    /// <summary>Stops listening (new connections are refused) and resets every relayed connection.</summary>
    public void Close()
    {
        _stop?.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0); // a reset, as a dead server's host sends
                client.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var outgoing = new TcpClient();
            try
            {
                await outgoing.ConnectAsync(_target, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                incoming.Dispose();
                outgoing.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(incoming);
                _open.Add(outgoing);
            }
            _ = PumpAsync(incoming, outgoing, ct);
            _ = PumpAsync(outgoing, incoming, ct);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), ct);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        try
        {
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
