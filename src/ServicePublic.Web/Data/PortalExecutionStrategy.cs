using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace ServicePublic.Web.Data;

/// <summary>
/// Retries what a second try can fix (a serialization conflict, a deadlock, a pooled connection
/// the server closed on restart) quickly, and gives up at once when the database cannot be
/// reached, so that the visitor reads "come back in a moment" within a second rather than after
/// seconds of back-off.
/// </summary>
internal sealed class PortalExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception) =>
        exception is not null && !DatabaseFailures.IsConnectionRefused(exception) && base.ShouldRetryOn(exception);
}
