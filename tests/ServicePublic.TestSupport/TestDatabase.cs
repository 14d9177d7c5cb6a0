using Npgsql;

namespace ServicePublic.TestSupport;

/// <summary>
/// A fresh database in the throwaway PostgreSQL cluster that ./test.sh starts (it exports
/// SERVICEPUBLIC_TEST_DB, a connection string to that cluster). Never the .data/ cluster.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "SERVICEPUBLIC_TEST_DB";

    public static async Task<string> CreateAsync(string prefix)
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL cluster.");
        }
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
