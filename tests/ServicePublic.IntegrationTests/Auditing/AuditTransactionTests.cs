using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.IntegrationTests.Auditing;

/// <summary>
/// An audit entry and the change it describes commit together or not at all. The failures are real
/// ones, forced by a trigger that makes PostgreSQL refuse one row of this test's own user (so other
/// tests of the collection are unaffected), and dropped afterwards.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AuditTransactionTests(PortalFixture portal)
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task AnAuditEntryThatCannotBeWritten_LeavesNoChange_NeitherABusinessNorANewPassword()
    {
        var user = await Portal.CreateAsync();
        var client = Portal.NewVisitor();
        await client.SignInAsync(user.Email!);
        var nif = NewNif();
        HttpResponseMessage created, changed;
        await using (await RefusingAsync("audit_entries", "actor_id", user.Id))
        {
            created = await CreateBusinessAsync(client, nif);
            changed = await client.SubmitFormAsync(await client.GetPageAsync("/compte/mot-de-passe"), "form#change-password", new Dictionary<string, string>
            {
                ["CurrentPassword"] = TestAccounts.Password,
                ["NewPassword"] = "ma nouvelle phrase secrète",
                ["ConfirmPassword"] = "ma nouvelle phrase secrète",
            });
        }

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError), (created.StatusCode, changed.StatusCode));
        Assert.False(await Portal.WithDbAsync(db => db.Businesses.AnyAsync(b => b.Nif == nif)));
        // The old password still opens the account.
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.NewVisitor().SignInAsync(user.Email!)).StatusCode);
        Assert.Equal(0, await Portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorId == user.Id
            && (a.Action == AuditActions.BusinessCreated || a.Action == AuditActions.PasswordChanged))));
    }

    [Fact]
    public async Task AChangeThatCannotBeSaved_WritesNoAuditEntry()
    {
        var user = await Portal.CreateAsync();
        var client = Portal.NewVisitor();
        await client.SignInAsync(user.Email!);
        var nif = NewNif();
        HttpResponseMessage created;
        await using (await RefusingAsync("businesses", "nif", nif))
        {
            created = await CreateBusinessAsync(client, nif);
        }

        Assert.Equal(HttpStatusCode.InternalServerError, created.StatusCode);
        Assert.Equal(0, await Portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorId == user.Id && a.Action == AuditActions.BusinessCreated)));
        Assert.True((await Portal.VerifyAuditChainAsync()).FirstBreak is null);
    }

    private static string NewNif() => "4" + Random.Shared.NextInt64(100_000_000, 999_999_999);

    private static async Task<HttpResponseMessage> CreateBusinessAsync(HttpClient client, string nif) =>
        await client.SubmitFormAsync(await client.GetPageAsync("/compte/entreprises/nouvelle"), "form#new-business", new Dictionary<string, string>
        {
            ["Name"] = "Menuiserie de Kpalimé", ["LegalForm"] = "SARL", ["Nif"] = nif, ["Rccm"] = "TG-LFW-01-2024-B12-00123", ["Address"] = "Route de Kpalimé",
        });

    /// <summary>Makes PostgreSQL refuse to insert into <paramref name="table"/> a row whose <paramref name="column"/> is <paramref name="value"/>, until disposed.</summary>
    private async Task<IAsyncDisposable> RefusingAsync(string table, string column, string value)
    {
        var name = "test_refuse_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.{column}::text = '{value}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
            """);
        return new Cleanup(() => ExecuteAsync($"DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}();"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Cleanup(Func<Task> action) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await action();
    }
}
