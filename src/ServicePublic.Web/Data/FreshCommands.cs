using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ServicePublic.Web.Data;

/// <summary>
/// Gives every query of EF a new <see cref="NpgsqlCommand"/>, instead of the one Npgsql 10 recycles
/// per connection object (which the pooled contexts keep from request to request). A recycled
/// command whose send failed while its statement was being prepared — a connection cut by a
/// database restart — keeps a "being prepared" flag. Reused after the outage for a statement
/// another context had prepared on the same connection, it sent the preparation again:
/// PostgreSQL answered 42P05 "prepared statement _auto0 already exists", and that connection's
/// prepared statements stayed out of step, an error page on every request, until it closed.
/// A new command costs one small allocation per query.
/// Test: Failures/DatabaseOutageTests.AQueryCutWhileItsStatementWasBeingPrepared_….
/// </summary>
internal sealed class FreshCommands : DbCommandInterceptor
{
    public static readonly FreshCommands Instance = new();

    private FreshCommands()
    {
    }

    public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        result.HasResult
            ? result
            // EF sets the text, transaction, timeout and parameters; the connection is ours to set.
            : InterceptionResult<DbCommand>.SuppressWithResult(new NpgsqlCommand { Connection = (NpgsqlConnection?)eventData.Connection });
}
