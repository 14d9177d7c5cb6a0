namespace ServicePublic.Web.Infrastructure.BackgroundWork;

/// <summary>
/// The failures in a row of a background loop (the database is down, say): the first is worth a
/// warning with its exception, the following ones only a debug line, and the pause before the
/// next try doubles from <paramref name="first"/> up to a minute, so an outage neither floods the
/// log nor hammers the database as it comes back.
/// </summary>
public sealed class FailureBackoff(TimeSpan first)
{
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private int _failures;

    /// <summary>Counts a failure; true when it is the first of a run (log it as a warning).</summary>
    public bool Fail() => ++_failures == 1;

    /// <summary>Ends a run of failures; true when there was one (log the recovery).</summary>
    public bool Succeed()
    {
        var recovered = _failures > 0;
        _failures = 0;
        return recovered;
    }

    /// <summary>The pause before the next try: <paramref name="normal"/> without failure, doubling after each one.</summary>
    public TimeSpan Pause(TimeSpan normal)
    {
        if (_failures == 0)
        {
            return normal;
        }
        var backedOff = first * Math.Pow(2, Math.Min(_failures - 1, 10));
        return backedOff > Longest ? (normal > Longest ? normal : Longest) : (backedOff > normal ? backedOff : normal);
    }
}
