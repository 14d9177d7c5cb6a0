using Npgsql;

namespace ServicePublic.Web.Data;

/// <summary>
/// At start-up, after migrations, checks that the portal's runtime connection owns nothing
/// (<see cref="DatabaseRoles.ExcessPowersAsync"/>). Production refuses to start otherwise, saying
/// why; other environments warn. When the database cannot be reached at start (the portal then
/// answers "come back in a moment"), the check runs as soon as it answers, and a Production
/// portal found running as the owner stops.
/// </summary>
internal sealed class RuntimeRoleCheck(
    DatabaseConnections connections,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<RuntimeRoleCheck> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private Task _later = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryCheckAsync(cancellationToken))
        {
            return;
        }
        logger.LogWarning("The database cannot be reached: the role of the portal's connection will be checked once it answers");
        _later = CheckLaterAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // A host stopped again after it was disposed (a test's node stopped by hand, then disposed): nothing runs.
            return;
        }
        await _later.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task CheckLaterAsync(CancellationToken ct)
    {
        try
        {
            do
            {
                await Task.Delay(RetryEvery, ct);
            }
            while (!await TryCheckAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (InvalidOperationException e)
        {
            logger.LogCritical("{Reason} Stopping.", e.Message);
            lifetime.StopApplication();
        }
    }

    /// <summary>False when the database could not be reached; throws in Production when the role has excess powers.</summary>
    private async Task<bool> TryCheckAsync(CancellationToken ct)
    {
        IReadOnlyList<string> powers;
        try
        {
            await using var connection = new NpgsqlConnection(connections.Runtime);
            await connection.OpenAsync(ct);
            powers = await DatabaseRoles.ExcessPowersAsync(connection, ct);
        }
        catch (Exception e) when (DatabaseFailures.IsUnreachable(e))
        {
            return false;
        }
        if (powers.Count == 0)
        {
            return true;
        }
        var reason = $"The portal's runtime connection (ConnectionStrings:Default, role \"{DatabaseRoles.RoleOf(connections.Runtime)}\") {string.Join(", ", powers)}. "
            + "The portal must run as a role that owns nothing (reads and writes rows, appends to the audit journal), so that a flaw in it cannot alter the schema, "
            + "rewrite the audit journal or switch its triggers off: connect as the portal's role, and give the owner's connection as ConnectionStrings:Migrations (README, Security).";
        if (environment.IsProduction())
        {
            logger.LogCritical("{Reason} Production refuses to start.", reason);
            throw new InvalidOperationException(reason);
        }
        logger.LogWarning("{Reason} Production would refuse to start.", reason);
        return true;
    }
}
