using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServicePublic.IntegrationTests.Auditing;
using ServicePublic.IntegrationTests.Hosts;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;

namespace ServicePublic.IntegrationTests.Security;

/// <summary>
/// The portal runs as a role that owns nothing: rows of its tables, appends to the audit journal,
/// and nothing else. Its own database, as these tests try to break it.
/// </summary>
public sealed class DatabaseRolesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => portal.Factory;

    /// <summary>The connection the portal itself uses, as configured (not as the tests would like it to be).</summary>
    private string RuntimeConnection => Portal.Services.GetRequiredService<IConfiguration>().GetConnectionString("Default")!;

    [Theory]
    [InlineData("UPDATE audit_entries SET details = 'rewritten'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER USER")]
    [InlineData("ALTER TABLE requests ADD COLUMN smuggled text")]
    [InlineData("DROP TABLE outbox_messages")]
    [InlineData("CREATE TABLE smuggled (id integer)")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("INSERT INTO \"__EFMigrationsHistory\" VALUES ('29990101000000_Smuggled', '10.0.0')")]
    public async Task ThePortalsConnection_IsRefused_WhatOnlyTheOwnerMayDo(string sql)
    {
        await Portal.RecordAuditEntriesAsync(1);
        await using var connection = new NpgsqlConnection(RuntimeConnection);
        await connection.OpenAsync();
        // Rolled back whatever happens: on a portal with too many rights, nothing stays broken.
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);

        var error = await Record.ExceptionAsync(() => command.ExecuteNonQueryAsync());

        var refused = Assert.IsType<PostgresException>(error);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task ThePortalsConnection_AppendsToTheAuditJournal_AndReadsIt()
    {
        await using var connection = new NpgsqlConnection(RuntimeConnection);
        await connection.OpenAsync();

        var before = await Portal.RecordAuditEntriesAsync(1);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM audit_entries WHERE sequence = @sequence", connection);
        count.Parameters.AddWithValue("sequence", before[0]);

        Assert.Equal(1L, await count.ExecuteScalarAsync());
        Assert.True((await Portal.VerifyAuditChainAsync()).IsValid);
    }

    [Fact]
    public async Task EveryContextHandedToRequests_RunsAsThePortalsRole_AfterTheStartMigratedAsTheOwner()
    {
        // Contexts are pooled: the one that migrated as the owner at the start goes back to the pool.
        // Renting more at once than the pool holds gets every pooled one, that one included.
        var scopes = Enumerable.Range(0, 32).Select(_ => Portal.Services.CreateAsyncScope()).ToList();
        try
        {
            var roles = await Task.WhenAll(scopes.Select(scope => scope.ServiceProvider.GetRequiredService<AppDbContext>()
                .Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync()));

            Assert.All(roles, role => Assert.Equal(TestDatabase.PortalRole, role));
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ACitizen_SignsInStartsAndFilesARequest_ThroughThePortalRunningAsItsRole()
    {
        Assert.Equal(TestDatabase.PortalRole, new NpgsqlConnectionStringBuilder(RuntimeConnection).Username);
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();

        var signedIn = await visitor.SignInAsync(user.Email!);
        var start = await visitor.GetPageAsync("/demarches/carte-importateur/demarrer");
        var draft = await visitor.SubmitFormAsync(start, "form#start", new Dictionary<string, string> { ["pour"] = "moi" });
        var filed = await Portal.FileAsync(user);
        var mine = await visitor.GetPageAsync("/demandes");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Contains(filed.TrackingNumber!, mine.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATableOfALaterMigration_IsReadAndWrittenByThePortalsRole_WithoutAnotherGrant()
    {
        await using (var owner = new NpgsqlConnection(Portal.ConnectionString))
        {
            await owner.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE later_migration (id bigserial PRIMARY KEY, note text)", owner);
            await create.ExecuteNonQueryAsync();
        }
        await using var connection = new NpgsqlConnection(RuntimeConnection);
        await connection.OpenAsync();

        await using var write = new NpgsqlCommand(
            "INSERT INTO later_migration (note) VALUES ('a'); UPDATE later_migration SET note = 'b'; SELECT count(*) FROM later_migration WHERE note = 'b'", connection);

        Assert.Equal(1L, await write.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("superuser")]
    public void Production_RefusesToStart_AsTheOwnerOrASuperuser_SayingWhy(string who)
    {
        var settings = TestCertificates.Production();
        settings["ConnectionStrings:Default"] = who == "owner"
            ? Portal.ConnectionString
            : new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.Variable)) { Database = new NpgsqlConnectionStringBuilder(Portal.ConnectionString).Database }.ConnectionString;
        using var production = new PortalFactory(Portal.ConnectionString, settings: settings);

        var failure = StartupFailure.Of(production);

        Assert.Contains("The portal's runtime connection (ConnectionStrings:Default", failure, StringComparison.Ordinal);
        Assert.Contains(who == "owner" ? "owns the database, owns tables" : "is a superuser", failure, StringComparison.Ordinal);
        // Production as the portal's role starts: DataProtectionKeysTests.Production_WithACertificate_StoresItsKeysEncrypted.
    }
}
