using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ServicePublic.Web.Data;

/// <summary>
/// Tells a busy database from one that is gone, when a query waits for its connection. Npgsql has
/// one timeout for both waits — for a free connection of the pool, and to open a new one — so a
/// short one turned a busy pool into "service unavailable" pages under load, and a long one made
/// visitors wait that long when the server's host is down. Here a connection may wait
/// <see cref="DatabaseOptions.ConnectionWaitSeconds"/> (Npgsql's timeout); once it has waited
/// <see cref="DatabaseOptions.ConnectTimeoutSeconds"/>, a TCP connection to the server (one for all
/// waiting queries, its answer kept a second) says whether anything answers there: if not, the
/// open is abandoned and the visitor gets the 503 page (Features/Errors/DatabaseUnavailablePage.cs).
/// A stopped PostgreSQL refuses connections, which fails at once without any of this.
/// </summary>
internal sealed class DatabaseReachability : DbConnectionInterceptor
{
    private static readonly TimeSpan VerdictKeptFor = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _patience;
    private readonly IReadOnlyList<(string Host, int Port)> _servers;
    // Real time, whatever clock the portal is given (tests move theirs).
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly Lock _gate = new();
    private Task<bool>? _probe;
    private long _probedAt;
    private bool _unreachable;

    public DatabaseReachability(string connectionString, TimeSpan patience)
    {
        _patience = patience;
        _servers = Servers(new NpgsqlConnectionStringBuilder(connectionString));
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken)
    {
        if (result.IsSuppressed)
        {
            return result;
        }
        if (RecentlyUnreachable())
        {
            throw Unreachable();
        }
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var open = connection.OpenAsync(abandon.Token);
        if (!open.IsCompleted)
        {
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var first = await Task.WhenAny(open, Task.Delay(_patience, _clock, stopWaiting.Token));
            if (first != open && !await AnswersAsync(cancellationToken))
            {
                await abandon.CancelAsync();
                try
                {
                    await open;
                }
                catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
                {
                }
                throw Unreachable();
            }
            await stopWaiting.CancelAsync();
        }
        await open;
        return InterceptionResult.Suppress(); // opened here, on this connection: EF goes on as if it had
    }

    /// <summary>Synchronous opens (the data protection key ring's) only learn from the last probe.</summary>
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        !result.IsSuppressed && RecentlyUnreachable() ? throw Unreachable() : result;

    private bool RecentlyUnreachable()
    {
        lock (_gate)
        {
            return _unreachable && _clock.GetElapsedTime(_probedAt) < VerdictKeptFor;
        }
    }

    /// <summary>Whether the server accepts a TCP connection: one probe at a time, its answer kept a second.</summary>
    private Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_probe is null || (_probe.IsCompleted && _clock.GetElapsedTime(_probedAt) >= VerdictKeptFor))
            {
                _probe = ProbeAsync();
            }
            return _probe.WaitAsync(cancellationToken);
        }
    }

    private async Task<bool> ProbeAsync()
    {
        var answers = false;
        foreach (var (host, port) in _servers)
        {
            using var timeout = new CancellationTokenSource(_patience, _clock);
            try
            {
                using var socket = host.StartsWith('/')
                    ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                    : new Socket(SocketType.Stream, ProtocolType.Tcp);
                await (host.StartsWith('/')
                    ? socket.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(host, $".s.PGSQL.{port}")), timeout.Token)
                    : socket.ConnectAsync(host, port, timeout.Token));
                answers = true;
                break;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
            {
            }
        }
        lock (_gate)
        {
            _unreachable = !answers;
            _probedAt = _clock.GetTimestamp();
        }
        return answers;
    }

    /// <summary>The same kind of failure as a refused connection: answered with the 503 page, never retried (Data/DatabaseFailures.cs).</summary>
    private static NpgsqlException Unreachable() =>
        new("The database server does not answer.", new TimeoutException("No TCP connection to the database server."));

    /// <summary>The hosts of the connection string ("a,b:5433"; a path is a Unix socket's directory), each with its port.</summary>
    private static List<(string, int)> Servers(NpgsqlConnectionStringBuilder connection)
    {
        var servers = new List<(string, int)>();
        foreach (var entry in (connection.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.LastIndexOf(':');
            servers.Add(colon > 0 && !entry.StartsWith('/') && entry.IndexOf(':') == colon && int.TryParse(entry[(colon + 1)..], out var port)
                ? (entry[..colon], port)
                : (entry, connection.Port));
        }
        return servers;
    }
}
