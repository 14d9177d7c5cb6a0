namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// <c>dotnet ServicePublic.Web.dll audit-verify</c>: checks the audit chain of the configured
/// database and exits 0 when it is intact, 1 at the first broken entry (for cron and monitoring).
/// </summary>
public static class AuditVerifyCommand
{
    public const string Name = "audit-verify";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(ct);
        if (result.FirstBreak is { } broken)
        {
            await output.WriteLineAsync($"Chaîne d'audit ROMPUE après {result.ValidCount} entrées valides : {broken.Describe()}.");
            return 1;
        }
        await output.WriteLineAsync($"Chaîne d'audit intacte : {result.ValidCount} entrées vérifiées.");
        return 0;
    }
}
