using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Features.Accounts;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Load;

/// <summary>
/// Issue 13, goal 4: virtual users, each pausing between steps as a person reads or types, each
/// visit a scenario drawn by weight — an anonymous visitor browsing and searching the catalogue; a
/// citizen who signs in, starts a draft of a procedure with an online fee, fills its form, saves it
/// with an upload, submits it, pays in the sandbox and tracks it; a clerk who signs in with an
/// authenticator code, takes requests from the queue and decides them. Every exchange goes through
/// the real pages and forms (antiforgery tokens included) and is timed under its step's name.
/// </summary>
public sealed class MixedLoad(Uri portal, NpgsqlDataSource db, MixedLoad.Settings settings)
{
    public sealed record Settings(
        int Users, TimeSpan Duration, TimeSpan WarmUp, TimeSpan ThinkMin, TimeSpan ThinkMax,
        int AnonymousWeight, int CitizenWeight, int ClerkWeight, string Procedure, string ClerkMinistry, int Seed);

    /// <summary>Targets of the issue: every step p95 ≤ 100 ms and p99 ≤ 250 ms, but the filing posts, p95 ≤ 300 ms; no errors.</summary>
    public const double P95Target = 100, P99Target = 250, FilingP95Target = 300;

    /// <summary>The posts that file a request (start the draft, save it with its upload, submit it).</summary>
    public static readonly HashSet<string> FilingPosts = new(StringComparer.Ordinal) { "draft-start POST", "draft-save POST", "submit POST" };

    private static readonly string[] Searches = ["permis exploitation", "carte importateur", "passeport", "casier judiciaire", "naissance", "licence", "certificat"];

    private readonly MixedSteps _steps = new();
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly byte[] _pdf = DraftAnswers.SmallPdf();
    private IReadOnlyList<StaffAccount> _citizens = [];
    private IReadOnlyList<StaffAccount> _clerks = [];
    private IReadOnlyList<string> _slugs = [];
    private IReadOnlyList<string> _ministries = [];
    private int _nextCitizen = -1, _nextClerk = -1;
    private int _visits, _brokenVisits, _lostRaces, _emptyQueues, _decisions, _paid;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await PrepareAsync(ct);
        Console.WriteLine($"Mixed load: {settings.Users} virtual users, {settings.Duration.TotalSeconds:0} s measured after {settings.WarmUp.TotalSeconds:0} s of warm-up (users start spread over it);");
        Console.WriteLine($"  each pauses {settings.ThinkMin.TotalSeconds:0.#}–{settings.ThinkMax.TotalSeconds:0.#} s (uniform) before each step, as a person reading or typing;");
        Console.WriteLine($"  each visit drawn by weight: anonymous {settings.AnonymousWeight}, citizen filing {settings.CitizenWeight} (procedure {settings.Procedure}, paid in the sandbox), clerk {settings.ClerkWeight} ({settings.ClerkMinistry});");
        Console.WriteLine($"  accounts: {_citizens.Count} citizens, {_clerks.Count} clerks (password, then authenticator code), each used in turn (per-account sign-in limits).");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var started = Stopwatch.GetTimestamp();
        var users = Enumerable.Range(0, settings.Users).Select(n => UserAsync(n, stop.Token)).ToList();
        if (settings.WarmUp > TimeSpan.Zero)
        {
            await Task.Delay(settings.WarmUp, ct);
        }
        _steps.StartMeasuring(settings.Duration);
        var measureStarted = Stopwatch.GetTimestamp();
        await Task.Delay(settings.Duration, ct);
        await stop.CancelAsync();
        await Task.WhenAll(users);
        Console.WriteLine($"  ran {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s in all; {_visits:N0} visits, {_brokenVisits:N0} ended by an unexpected answer;"
            + $" {_paid:N0} requests filed and paid, {_decisions:N0} decided; {_lostRaces:N0} cases taken by another clerk first, {_emptyQueues:N0} empty queues.");
        return Report(Stopwatch.GetElapsedTime(measureStarted) is var wall && wall < settings.Duration ? wall : settings.Duration);
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        _citizens = await EnsureCitizensAsync(Math.Max(20, settings.Users * 4), ct);
        _clerks = await Sessions.EnsureStaffAsync(db, "Agent", settings.ClerkMinistry, 1, Math.Max(5, settings.Users), _password, ct);
        _slugs = await ListAsync("SELECT slug FROM procedures WHERE status = 'Active' ORDER BY popularity DESC, slug LIMIT 60", ct);
        _ministries = await ListAsync("SELECT code FROM ministries ORDER BY code", ct);
        if (!_slugs.Contains(settings.Procedure))
        {
            throw new InvalidOperationException($"The procedure {settings.Procedure} is not among the active ones: the catalogue is missing (bench/run.sh generate).");
        }
        Console.WriteLine($"  accounts and catalogue ready in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    private async Task UserAsync(int n, CancellationToken stop)
    {
        var random = new Random(settings.Seed * 7919 + n);
        try
        {
            // Users arrive spread over the warm-up (or the first 10 s), not all in the same millisecond.
            var spread = settings.WarmUp > TimeSpan.Zero ? settings.WarmUp : TimeSpan.FromSeconds(10);
            await Task.Delay(TimeSpan.FromMilliseconds(spread.TotalMilliseconds * n / settings.Users), stop);
            var total = settings.AnonymousWeight + settings.CitizenWeight + settings.ClerkWeight;
            while (!stop.IsCancellationRequested)
            {
                using var browser = Sessions.NewBrowser(portal, TimeSpan.FromSeconds(30));
                var visit = new MixedVisit(browser, _steps, random, settings.ThinkMin, settings.ThinkMax, stop);
                var draw = random.Next(total);
                Interlocked.Increment(ref _visits);
                try
                {
                    if (draw < settings.AnonymousWeight)
                    {
                        await AnonymousAsync(visit);
                    }
                    else if (draw < settings.AnonymousWeight + settings.CitizenWeight)
                    {
                        await CitizenAsync(visit);
                    }
                    else
                    {
                        await ClerkAsync(visit);
                    }
                }
                catch (MixedVisit.Broken)
                {
                    Interlocked.Increment(ref _brokenVisits);
                    await visit.ThinkAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private string Any(IReadOnlyList<string> values, Random random) => values[random.Next(values.Count)];

    /// <summary>Home, the catalogue or a search, a procedure, then a ministry or the statistics.</summary>
    private async Task AnonymousAsync(MixedVisit visit)
    {
        var random = visit.Random;
        await visit.PageAsync("home", "/");
        await visit.ThinkAsync();
        if (random.Next(2) == 0)
        {
            await visit.PageAsync("catalogue", "/demarches");
        }
        else
        {
            await visit.PageAsync("search", "/demarches?q=" + Uri.EscapeDataString(Any(Searches, random)));
        }
        await visit.ThinkAsync();
        await visit.PageAsync("procedure", "/demarches/" + Any(_slugs, random));
        await visit.ThinkAsync();
        if (random.Next(2) == 0)
        {
            await visit.PageAsync("ministry", "/ministeres/" + Any(_ministries, random));
        }
        else
        {
            await visit.PageAsync("statistics", "/statistiques");
        }
    }

    /// <summary>Sign in, open the procedure, start a draft, save it with one upload, submit it with the rest, pay in the sandbox, track it, sign out.</summary>
    private async Task CitizenAsync(MixedVisit visit)
    {
        var account = _citizens[(int)((uint)Interlocked.Increment(ref _nextCitizen) % _citizens.Count)];
        var signIn = await visit.PageAsync("signin GET", AccountPaths.SignIn);
        await visit.ThinkAsync();
        await visit.PostFormAsync("signin POST", signIn, "form#signin", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = _password });
        await visit.ThinkAsync();
        await visit.PageAsync("procedure", "/demarches/" + settings.Procedure);
        await visit.ThinkAsync();
        var start = await visit.PageAsync("draft-start GET", $"/demarches/{settings.Procedure}/demarrer");
        await visit.ThinkAsync();
        var draftUrl = await visit.PostFormAsync("draft-start POST", start, "form#start", new Dictionary<string, string> { ["pour"] = "moi" });
        var draft = await visit.PageAsync("draft GET", draftUrl);
        await visit.ThinkAsync();
        var (answers, files) = DraftAnswers.Fill(draft) ?? throw new MixedVisit.Broken("no draft form");
        var uploads = files.Select(f => new Multipart.Upload(f, $"{f["file-".Length..]}.pdf", _pdf)).ToList();
        // Saved with the first document attached; the rest attached when submitting, as one who comes back with them.
        var saved = await visit.PostMultipartAsync("draft-save POST", draft, "form#draft", answers.Append(new("action", "save")), uploads.Take(1));
        draft = await visit.PageAsync("draft GET", saved);
        await visit.ThinkAsync();
        var payUrl = await visit.PostMultipartAsync("submit POST", draft, "form#draft", answers.Append(new("action", "submit")), uploads.Skip(1));
        var pay = await visit.PageAsync("pay GET", payUrl);
        await visit.ThinkAsync();
        var checkoutUrl = await visit.PostFormAsync("pay POST", pay, "form.stack.narrow", new Dictionary<string, string> { ["moyen"] = "tmoney", ["telephone"] = "90 12 34 56" });
        var checkout = await visit.PageAsync("sandbox GET", checkoutUrl);
        await visit.ThinkAsync();
        var back = await visit.PostFormAsync("sandbox POST", checkout, "main form", new Dictionary<string, string> { ["notifications"] = "Normal" }, "decision", "approuver");
        // Back on the portal, which asks the provider and sends the payer to the payment's page; when
        // the provider's callback came first, the payment is already confirmed and that page shows at once.
        var paidUrl = await visit.RedirectOrPageAsync("pay-return GET", back);
        await visit.PageAsync("track GET", paidUrl ?? back.Split('?')[0]);
        Interlocked.Increment(ref _paid);
        await visit.ThinkAsync();
        var mine = await visit.PageAsync("my-requests GET", RequestPaths.Mine);
        await visit.ThinkAsync();
        await visit.PostFormAsync("signout POST", mine, $"form[action='{AccountPaths.SignOut}']");
    }

    /// <summary>Sign in with the authenticator code, then take and decide up to three requests from the queue, then sign out.</summary>
    private async Task ClerkAsync(MixedVisit visit)
    {
        var account = _clerks[(int)((uint)Interlocked.Increment(ref _nextClerk) % _clerks.Count)];
        var signIn = await visit.PageAsync("signin GET", AccountPaths.SignIn);
        await visit.ThinkAsync();
        var second = await visit.PostFormAsync("signin POST", signIn, "form#signin", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = _password });
        var code = await visit.PageAsync("two-factor GET", second);
        await visit.ThinkAsync();
        await visit.PostFormAsync("two-factor POST", code, "form#two-factor", new Dictionary<string, string> { ["Code"] = TestAccounts.TotpCode(account.AuthenticatorKey) });
        Html.Page? last = null;
        for (var i = 0; i < 3; i++)
        {
            await visit.ThinkAsync();
            var queue = await visit.PageAsync("queue GET", BackOfficePaths.Queue + "?statut=Submitted&affectation=personne");
            last = queue;
            var cases = queue.Document.QuerySelectorAll("a[href^='/agent/demandes/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
            if (cases.Count == 0)
            {
                Interlocked.Increment(ref _emptyQueues);
                break;
            }
            var caseUrl = Any(cases, visit.Random);
            await visit.ThinkAsync();
            var page = await visit.PageAsync("case GET", caseUrl);
            foreach (var (step, operation) in new[] { ("take POST", "prendre"), ("review POST", "instruire"), ("decide POST", "decide") })
            {
                var decision = operation != "decide" ? operation : visit.Random.Next(5) == 0 ? "rejeter" : "approuver";
                var selector = $"main form:has(button[value={decision}])";
                if (!MixedVisit.Has(page, selector))
                {
                    // Another clerk took it between the queue and here: back to the queue.
                    Interlocked.Increment(ref _lostRaces);
                    break;
                }
                await visit.ThinkAsync();
                var values = decision == "rejeter" ? new Dictionary<string, string> { ["motif"] = "Pièce justificative illisible (banc d'essai)." } : null;
                page = await visit.PageAsync("case GET", await visit.PostFormAsync(step, page, selector, values, "operation", decision));
                last = page;
                if (operation == "decide")
                {
                    Interlocked.Increment(ref _decisions);
                }
            }
        }
        if (last is not null)
        {
            await visit.ThinkAsync();
            await visit.PostFormAsync("signout POST", last, $"form[action='{AccountPaths.SignOut}']");
        }
    }

    /// <summary>Citizens of the benchmark (banc.mixte.NNNN@…, email confirmed, no second factor), made or reset straight in the database.</summary>
    private async Task<IReadOnlyList<StaffAccount>> EnsureCitizensAsync(int count, CancellationToken ct)
    {
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), _password);
        var emails = Enumerable.Range(1, count).Select(i => $"banc.mixte.{i:0000}@{Sessions.EmailDomain}").ToArray();
        var ids = emails.Select(e => new Guid(MD5.HashData(Encoding.UTF8.GetBytes("servicepublic-bench-mixed-" + e))).ToString()).ToArray();
        await using var command = db.CreateCommand("""
            INSERT INTO "AspNetUsers" (id, full_name, preferred_language, created_at, user_name, normalized_user_name,
                email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                two_factor_enabled, lockout_enabled, access_failed_count)
            SELECT id, 'Afi Banc d''essai', 'fr-TG', now(), email, upper(email), email, upper(email), true, @hash, md5(random()::text), md5(random()::text), false, false, true, 0
            FROM unnest(@ids::text[], @emails::text[]) AS a(id, email)
            ON CONFLICT (id) DO UPDATE SET password_hash = EXCLUDED.password_hash, security_stamp = EXCLUDED.security_stamp,
                access_failed_count = 0, lockout_end = NULL, closed_at = NULL;
            INSERT INTO "AspNetUserRoles" (user_id, role_id)
            SELECT id, (SELECT id FROM "AspNetRoles" WHERE normalized_name = 'CITIZEN') FROM unnest(@ids::text[]) AS a(id)
            ON CONFLICT DO NOTHING;
            """);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("emails", emails);
        command.Parameters.AddWithValue("hash", hash);
        await command.ExecuteNonQueryAsync(ct);
        return [.. emails.Select(e => new StaffAccount(e, ""))];
    }

    private async Task<IReadOnlyList<string>> ListAsync(string sql, CancellationToken ct)
    {
        var values = new List<string>();
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    /// <summary>The table per step and the summary; 0 when every target is met, 2 otherwise.</summary>
    private int Report(TimeSpan wall)
    {
        Console.WriteLine();
        Console.WriteLine($"Mixed load, {settings.Users} users, {wall.TotalSeconds:0} s measured (latencies in ms, from sending to the last byte)");
        Console.WriteLine();
        Console.WriteLine("| step | count | req/s | p50 | p95 | p99 | max | errors | target | met |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var allMet = true;
        foreach (var (name, step) in _steps.Steps.OrderBy(s => Order(s.Key)).ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            var s = step.Summarize(wall);
            var filing = FilingPosts.Contains(name);
            var met = s.Errors == 0 && (filing ? s.P95 <= FilingP95Target : s.P95 <= P95Target && s.P99 <= P99Target);
            allMet &= met;
            var target = filing ? $"p95 ≤ {FilingP95Target:0}" : $"p95 ≤ {P95Target:0}, p99 ≤ {P99Target:0}";
            Console.WriteLine($"| {name} | {s.Count:N0} | {s.PerSecond:N1} | {s.P50:N1} | {s.P95:N1} | {s.P99:N1} | {s.Max:N0} | {s.Errors} | {target} | {(met ? "yes" : "**no**")} |");
        }
        var all = _steps.All().Summarize(wall);
        var overallMet = all.Errors == 0 && all.P95 <= P95Target && all.P99 <= P99Target;
        allMet &= overallMet && all.Count > 0;
        Console.WriteLine($"| **all steps** | {all.Count:N0} | {all.PerSecond:N1} | {all.P50:N1} | {all.P95:N1} | {all.P99:N1} | {all.Max:N0} | {all.Errors} | p95 ≤ {P95Target:0}, p99 ≤ {P99Target:0}, 0 errors | {(overallMet ? "yes" : "**no**")} |");
        if (_steps.FirstErrors.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("First errors:");
            foreach (var error in _steps.FirstErrors)
            {
                Console.WriteLine($"  {error}");
            }
        }
        var missed = _steps.Steps.Where(s =>
        {
            var x = s.Value.Summarize(wall);
            return x.Errors > 0 || (FilingPosts.Contains(s.Key) ? x.P95 > FilingP95Target : x.P95 > P95Target || x.P99 > P99Target);
        }).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        Console.WriteLine();
        Console.WriteLine($"Summary: {all.Count:N0} requests, {all.PerSecond:N1}/s, p50 {all.P50:N1} / p95 {all.P95:N1} / p99 {all.P99:N1} ms, {all.Errors} errors, "
            + $"{_paid:N0} filed and paid, {_decisions:N0} decided: {(allMet ? "every target met" : $"targets missed ({(missed.Count == 0 ? "all steps together" : string.Join(", ", missed))})")}");
        return allMet ? 0 : 2;
    }

    // Steps in the order a visit meets them.
    private static int Order(string step) => Array.IndexOf(StepOrder, step) is var i and >= 0 ? i : StepOrder.Length;

    private static readonly string[] StepOrder =
    [
        "home", "catalogue", "search", "procedure", "ministry", "statistics",
        "signin GET", "signin POST", "two-factor GET", "two-factor POST",
        "draft-start GET", "draft-start POST", "draft GET", "draft-save POST", "submit POST",
        "pay GET", "pay POST", "sandbox GET", "sandbox POST", "pay-return GET", "track GET", "my-requests GET",
        "queue GET", "case GET", "take POST", "review POST", "decide POST", "signout POST",
    ];
}
