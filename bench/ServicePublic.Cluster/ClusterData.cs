using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Payments.PayGate;

namespace ServicePublic.Cluster;

/// <summary>
/// The rows the checks start from, written straight into the nodes' shared database (as an
/// administrator's tool would): a citizen with a password, requests, pending PayGate payments and
/// SMS in the outbox. Requests and payments are built through the domain and saved with EF.
/// </summary>
public sealed class ClusterData(NpgsqlDataSource db, string connectionString)
{
    public const string Slug = "bulletin-casier-judiciaire-n3";
    private static long _trackingNumbers = 90_000_000 + Random.Shared.Next(1_000_000) * 10L;

    public NpgsqlDataSource Db => db;

    public AppDbContext Context() => new(new DbContextOptionsBuilder<AppDbContext>()
        .UseNpgsql(connectionString)
        .UseSnakeCaseNamingConvention()
        .Options);

    /// <summary>A citizen account (email confirmed, no second factor) with <paramref name="password"/>; returns its id.</summary>
    public async Task<string> EnsureCitizenAsync(string email, string password)
    {
        var id = new Guid(MD5.HashData(Encoding.UTF8.GetBytes("servicepublic-cluster-" + email))).ToString();
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), password);
        await using var command = db.CreateCommand("""
            INSERT INTO "AspNetUsers" (id, full_name, preferred_language, created_at, user_name, normalized_user_name,
                email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES (@id, 'Banc Deux Nœuds', 'fr-TG', now(), @email, upper(@email), @email, upper(@email), true, @hash, @stamp, @stamp,
                false, false, true, 0)
            ON CONFLICT (id) DO UPDATE SET password_hash = EXCLUDED.password_hash, security_stamp = EXCLUDED.security_stamp,
                access_failed_count = 0, lockout_end = NULL, closed_at = NULL;
            INSERT INTO "AspNetUserRoles" (user_id, role_id)
            SELECT @id, id FROM "AspNetRoles" WHERE normalized_name = 'CITIZEN'
            ON CONFLICT DO NOTHING;
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString("N"));
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>The code of the ministry that runs <see cref="Slug"/>.</summary>
    public async Task<string> MinistryOfAsync(string slug)
    {
        await using var command = db.CreateCommand("SELECT m.code FROM procedures p JOIN ministries m ON m.id = p.ministry_id WHERE p.slug = @slug");
        command.Parameters.AddWithValue("slug", slug);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// <paramref name="count"/> requests of <paramref name="applicantId"/> for <see cref="Slug"/>, filed
    /// <paramref name="age"/> ago; with <paramref name="payments"/>, each awaits a pending PayGate
    /// payment (T-Money). Returns the requests' tracking numbers and the payments' ids.
    /// </summary>
    public async Task<(List<string> TrackingNumbers, List<Guid> PaymentIds)> FileAsync(string applicantId, int count, TimeSpan age, bool payments)
    {
        await using var context = Context();
        var version = await context.ProcedureVersions.Where(v => v.IsCurrent && v.Procedure.Slug == Slug).Select(v => v.Id).SingleAsync();
        var at = DateTimeOffset.UtcNow - age;
        var numbers = new List<string>();
        var paymentIds = new List<Guid>();
        PaymentLine[] lines = [new("Frais de délivrance (banc deux nœuds)", 1, null, 500, 500)];
        for (var i = 0; i < count; i++)
        {
            var request = Request.StartDraft(version, applicantId, null, at);
            var number = Request.FormatTrackingNumber(at.Year, Interlocked.Increment(ref _trackingNumbers));
            request.Submit(applicantId, feeDue: payments, () => number, 15, at);
            context.Requests.Add(request);
            numbers.Add(number);
            if (payments)
            {
                var payment = Payment.Start(request.Id, applicantId, PaymentMethod.TMoney, PayGateGateway.ProviderName, "+22890000001", lines, at);
                context.Payments.Add(payment);
                paymentIds.Add(payment.Id);
            }
        }
        await context.SaveChangesAsync();
        return (numbers, paymentIds);
    }

    /// <summary>SMS queued in the outbox, in one transaction (both nodes then race for them); returns their ids by text.</summary>
    public async Task<Dictionary<string, long>> QueueSmsAsync(IEnumerable<string> texts)
    {
        await using var context = Context();
        var messages = texts.ToDictionary(text => text, text => OutboxMessage.Sms("+22890000001", text, DateTimeOffset.UtcNow));
        context.OutboxMessages.AddRange(messages.Values);
        await context.SaveChangesAsync();
        return messages.ToDictionary(m => m.Key, m => m.Value.Id);
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<T> OneAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? read(reader) : throw new InvalidOperationException($"No row: {sql}");
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteNonQueryAsync();
    }
}
