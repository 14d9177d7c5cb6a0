namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// <c>dotnet ServicePublic.Web.dll audit-verify</c>: checks the audit chain of the configured
/// database against the signed checkpoints and exits 0 when both are intact, 1 at the first broken
/// entry, a deleted tail or a forged checkpoint (for cron and monitoring).
/// </summary>
public static class AuditVerifyCommand
{
    public const string Name = "audit-verify";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(ct);
        await output.WriteLineAsync(result.FirstBreak is { } broken
            ? $"Chaîne d'audit ROMPUE après {result.ValidCount} entrées valides : {broken.Describe()}."
            : $"Chaîne d'audit intacte : {result.ValidCount} entrées vérifiées.");
        if (result.LastCheckpoint is { } last)
        {
            await output.WriteLineAsync($"{result.CheckpointCount} points de contrôle signés, le dernier au n° {last.Sequence} ({last.At:u}).");
        }
        else
        {
            // Console output, for operators: French only, like the rest of the command.
            await output.WriteLineAsync("Aucun point de contrôle signé : rien ne garantit que la fin de la chaîne n'a pas été supprimée.");
        }
        foreach (var rejected in result.RejectedCheckpoints)
        {
            await output.WriteLineAsync($"Point de contrôle REJETÉ (signature invalide, ignoré) : {rejected.File}, ligne {rejected.Line}.");
        }
        return result.IsValid ? 0 : 1;
    }
}
