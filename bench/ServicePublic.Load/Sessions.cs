using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using OtpNet;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.Load;

/// <summary>A staff account made for the benchmark: its email, and its authenticator key for the second factor.</summary>
public sealed record StaffAccount(string Email, string AuthenticatorKey);

/// <summary>
/// Browsers of the benchmark: each an HttpClient with its own cookies and its own client address
/// (X-Forwarded-For, trusted as behind the proxy of docker-compose.yml), so the per-address rate
/// limits of sign-in see one person each, as in real life.
/// </summary>
public static class Sessions
{
    public const string EmailDomain = "bench.servicepublic.tg";
    private static int _browsers;

    /// <summary>Cookies every new browser starts with ("a=b; c=d"), e.g. a session signed in elsewhere.</summary>
    public static string Cookies { get; set; } = "";

    /// <summary>The Cookie header a browser would send to <paramref name="portal"/>.</summary>
    public static string CookieHeader(HttpClient browser, Uri portal) =>
        Containers.TryGetValue(browser, out var cookies) ? cookies.GetCookieHeader(portal) : "";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> Containers = [];

    public static HttpClient NewBrowser(Uri portal, TimeSpan? timeout = null)
    {
        var n = Interlocked.Increment(ref _browsers);
        var cookies = new CookieContainer();
        if (Cookies.Length > 0)
        {
            cookies.SetCookies(portal, Cookies.Replace("; ", ",", StringComparison.Ordinal));
        }
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = portal,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"127.10.{n / 250 % 250}.{1 + (n % 250)}");
        Containers.Add(client, cookies);
        return client;
    }

    /// <summary>
    /// Creates (or resets) staff accounts number <paramref name="first"/> to <paramref name="last"/> of <paramref name="role"/>, of the
    /// ministry <paramref name="ministryCode"/> (null: none, as administrators), straight in the
    /// database as an administrator's tool would: a password of this run only and an authenticator
    /// key each. They then sign in through the real pages, second factor included.
    /// </summary>
    public static async Task<IReadOnlyList<StaffAccount>> EnsureStaffAsync(
        NpgsqlDataSource db, string role, string? ministryCode, int first, int last, string password, CancellationToken ct)
    {
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), password);
        var accounts = new List<StaffAccount>();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        for (var i = first; i <= last; i++)
        {
            var label = $"{role.ToLowerInvariant()}.{ministryCode?.ToLowerInvariant() ?? "nation"}.{i:00}";
            var email = $"banc.{label}@{EmailDomain}";
            var id = new Guid(MD5.HashData(Encoding.UTF8.GetBytes("servicepublic-bench-staff-" + label))).ToString();
            var key = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
            await using var command = new NpgsqlCommand("""
                INSERT INTO "AspNetUsers" (id, full_name, preferred_language, created_at, ministry_id, user_name, normalized_user_name,
                    email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                    two_factor_enabled, lockout_enabled, access_failed_count)
                VALUES (@id, @name, 'fr-TG', now(), (SELECT id FROM ministries WHERE code = @ministry), @email, upper(@email),
                    @email, upper(@email), true, @hash, @stamp, @stamp, false, true, true, 0)
                ON CONFLICT (id) DO UPDATE SET password_hash = EXCLUDED.password_hash, security_stamp = EXCLUDED.security_stamp,
                    two_factor_enabled = true, access_failed_count = 0, lockout_end = NULL, closed_at = NULL;
                INSERT INTO "AspNetUserRoles" (user_id, role_id)
                SELECT @id, id FROM "AspNetRoles" WHERE normalized_name = upper(@role)
                ON CONFLICT DO NOTHING;
                INSERT INTO "AspNetUserTokens" (user_id, login_provider, name, value)
                VALUES (@id, '[AspNetUserStore]', 'AuthenticatorKey', @key)
                ON CONFLICT (user_id, login_provider, name) DO UPDATE SET value = EXCLUDED.value;
                """, connection, transaction);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("name", $"Banc d'essai {i.ToString(CultureInfo.InvariantCulture)}");
            command.Parameters.AddWithValue("ministry", (object?)ministryCode ?? DBNull.Value);
            command.Parameters.AddWithValue("email", email);
            command.Parameters.AddWithValue("hash", hash);
            command.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString("N"));
            command.Parameters.AddWithValue("role", role);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(ct);
            accounts.Add(new StaffAccount(email, key));
        }
        await transaction.CommitAsync(ct);
        return accounts;
    }

    /// <summary>
    /// A citizen of the benchmark (banc.citoyen@…, password of this run, email confirmed, no second
    /// factor) who owns <paramref name="requests"/> of the generated requests (taken from generated
    /// citizens, oldest tracking numbers first), for the "my requests" page.
    /// </summary>
    public static async Task<StaffAccount> EnsureCitizenAsync(NpgsqlDataSource db, int requests, string password, CancellationToken ct)
    {
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), password);
        var email = $"banc.citoyen@{EmailDomain}";
        var id = new Guid(MD5.HashData(Encoding.UTF8.GetBytes("servicepublic-bench-citizen-pages"))).ToString();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand("""
            INSERT INTO "AspNetUsers" (id, full_name, preferred_language, created_at, user_name, normalized_user_name,
                email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES (@id, 'Afi Banc d''essai', 'fr-TG', now(), @email, upper(@email), @email, upper(@email), true, @hash, @stamp, @stamp, false, false, true, 0)
            ON CONFLICT (id) DO UPDATE SET password_hash = EXCLUDED.password_hash, security_stamp = EXCLUDED.security_stamp,
                access_failed_count = 0, lockout_end = NULL, closed_at = NULL;
            INSERT INTO "AspNetUserRoles" (user_id, role_id)
            SELECT @id, id FROM "AspNetRoles" WHERE normalized_name = 'CITIZEN'
            ON CONFLICT DO NOTHING;
            UPDATE requests SET applicant_id = @id
            WHERE id IN (SELECT id FROM requests WHERE business_id IS NULL AND applicant_id <> @id AND status <> 'Draft'
                ORDER BY tracking_number LIMIT greatest(0, @requests - (SELECT count(*) FROM requests WHERE applicant_id = @id)));
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString("N"));
        command.Parameters.AddWithValue("requests", requests);
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return new StaffAccount(email, "");
    }

    /// <summary>A browser signed in as <paramref name="account"/>: password, then the authenticator code, through the real forms.</summary>
    public static async Task<HttpClient> SignInAsync(Uri portal, StaffAccount account, string password, TimeSpan? timeout = null)
    {
        var browser = NewBrowser(portal, timeout);
        await browser.SignInWithTotpAsync(account.Email, password, account.AuthenticatorKey);
        return browser;
    }

    /// <summary>Signs each account in, a few at a time (hashing passwords is what sign-in costs).</summary>
    public static async Task<HttpClient[]> SignInAllAsync(Uri portal, IReadOnlyList<StaffAccount> accounts, string password, TimeSpan? timeout = null)
    {
        using var gate = new SemaphoreSlim(4);
        return await Task.WhenAll(accounts.Select(async account =>
        {
            await gate.WaitAsync();
            try
            {
                return await SignInAsync(portal, account, password, timeout);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
