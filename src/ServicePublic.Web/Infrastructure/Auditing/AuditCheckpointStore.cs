namespace ServicePublic.Web.Infrastructure.Auditing;

public sealed class AuditCheckpointOptions
{
    public const string Section = "Audit";

    /// <summary>Where checkpoints are appended, one file per node; relative to the content root.</summary>
    public string CheckpointDirectory { get; set; } = Path.Combine(".data", "audit-checkpoints");

    public int CheckpointMinutes { get; set; } = 10;

    /// <summary>False: no timer (tests take checkpoints when they ask); verification still reads them.</summary>
    public bool CheckpointsEnabled { get; set; } = true;
}

/// <summary>A line of a checkpoint file whose signature does not verify: shown, never trusted.</summary>
public sealed record RejectedCheckpoint(string File, int Line);

/// <summary>Every checkpoint found: those whose signature verifies, and the lines that do not.</summary>
public sealed record AuditCheckpointReading(IReadOnlyList<AuditCheckpoint> Trusted, IReadOnlyList<RejectedCheckpoint> Rejected);

/// <summary>
/// The checkpoint files, outside the database: each node only ever appends to its own
/// (<c>checkpoints-{machine}.log</c>), so nodes sharing the directory never interleave lines.
/// </summary>
public sealed class AuditCheckpointStore(IOptions<AuditCheckpointOptions> options, IHostEnvironment environment, AuditCheckpointSigner signer)
{
    private const string Pattern = "checkpoints-*.log";

    private string Directory => Path.Combine(environment.ContentRootPath, options.Value.CheckpointDirectory);

    /// <summary>Appends the line and flushes it to disk before returning.</summary>
    public async Task AppendAsync(string line, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"checkpoints-{Environment.MachineName}.log");
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await file.WriteAsync(System.Text.Encoding.ASCII.GetBytes(line + "\n"), ct);
        file.Flush(flushToDisk: true);
    }

    /// <summary>The most advanced trusted checkpoint: the last line of each file is its node's latest.</summary>
    public async Task<AuditCheckpoint?> LatestAsync(CancellationToken ct)
    {
        AuditCheckpoint? latest = null;
        foreach (var path in Files())
        {
            var last = (await File.ReadAllLinesAsync(path, ct)).LastOrDefault(l => l.Length > 0);
            if (last is not null && signer.Verify(last) is { } checkpoint && checkpoint.Sequence > (latest?.Sequence ?? 0))
            {
                latest = checkpoint;
            }
        }
        return latest;
    }

    public async Task<AuditCheckpointReading> ReadAllAsync(CancellationToken ct)
    {
        var trusted = new List<AuditCheckpoint>();
        var rejected = new List<RejectedCheckpoint>();
        foreach (var path in Files())
        {
            var number = 0;
            foreach (var line in await File.ReadAllLinesAsync(path, ct))
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }
                if (signer.Verify(line) is { } checkpoint)
                {
                    trusted.Add(checkpoint);
                }
                else
                {
                    rejected.Add(new RejectedCheckpoint(Path.GetFileName(path), number));
                }
            }
        }
        return new AuditCheckpointReading(trusted, rejected);
    }

    private IEnumerable<string> Files() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.EnumerateFiles(Directory, Pattern).Order(StringComparer.Ordinal)
        : [];
}
