using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Payments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>
/// A portal of its own (its own database: the room of the nation counts only what is here), whose
/// clock stands still at <see cref="Now"/>, with a hand-made month of requests of the Energy and
/// Mines ministry (MDERM) and two of Commerce (MCIC), filed and moved through the domain at chosen
/// times, saved step by step in time order so the triggers fill the rollups and the feed as they
/// would in production.
/// </summary>
public sealed class RoomFixture : IAsyncLifetime
{
    /// <summary>10:32 on the 15th of next month: mid-month, so "this month" and "the last 30 days" differ.</summary>
    public static readonly DateTimeOffset Now = NextMonthsFifteenth();

    public PortalFactory Factory { get; private set; } = null!;

    public RoomWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(await TestDatabase.CreateAsync("sp_room"), clock: new FrozenClock(Now));
        Factory.Start();
        World = await RoomWorld.BuildAsync(Factory, Now);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    private static DateTimeOffset NextMonthsFifteenth()
    {
        var today = DateTime.UtcNow;
        var month = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        return new DateTimeOffset(month.Year, month.Month, 15, 10, 32, 0, TimeSpan.Zero);
    }

}

/// <summary>A clock that never moves: the figures computed at different times agree.</summary>
public sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

[CollectionDefinition(Name)]
public sealed class RoomCollection : ICollectionFixture<RoomFixture>
{
    public const string Name = "room";
}

/// <summary>The people, requests and steps of <see cref="RoomFixture"/>. Times are hours before <see cref="RoomFixture.Now"/>.</summary>
public sealed class RoomWorld
{
    public const string ApplicantName = "Kossiwa Zinsou-Planté";
    public const string BusinessName = "Établissements Zorglub-Témoin";
    public const string Answer = "Réponse-secrète-4471";
    public const string ClerkAName = "Yao Kpélafia-Témoin";
    public const string ClerkBName = "Ama Dzifa-Témoin";
    public const string IdleClerkName = "Edem Sans-Dossier";
    public const string CommerceClerkName = "Kodjo Commerce-Témoin";

    public const string GoldPanning = "carte-orpailleur";            // MDERM, DGMG, target 7 days
    public const string Export = "autorisation-exportation-substances-minerales"; // MDERM, DGMG, 10 days
    public const string Electrician = "agrement-installateur-electricien";         // MDERM, DGE, 30 days
    public const string SelfGeneration = "declaration-autoproduction-electricite"; // MDERM, ARSE, no target
    public const string ImporterCard = "carte-importateur";          // MCIC

    public Dictionary<string, ApplicationUser> People { get; } = [];
    public Dictionary<string, Request> Requests { get; } = [];
    public Dictionary<string, string> Titles { get; } = [];

    /// <summary>Every step, in the order it was saved (the order of the activity feed).</summary>
    public List<Step> Steps { get; } = [];

    public ApplicationUser this[string person] => People[person];

    public string Number(string request) => Requests[request].TrackingNumber!;

    public sealed record Step(DateTimeOffset At, string Request, string Slug, string Kind, string? Clerk);

    public static async Task<RoomWorld> BuildAsync(PortalFactory portal, DateTimeOffset now)
    {
        var world = new RoomWorld();
        await world.PeopleAsync(portal);
        world.Plan(now);
        await world.ApplyAsync(portal, now);
        return world;
    }

    private async Task PeopleAsync(PortalFactory portal)
    {
        People["applicant"] = await PersonAsync(portal, ApplicantName, [Roles.Citizen]);
        People["A"] = await PersonAsync(portal, ClerkAName, [Roles.Agent], "MDERM");
        People["B"] = await PersonAsync(portal, ClerkBName, [Roles.Agent], "MDERM");
        People["idle"] = await PersonAsync(portal, IdleClerkName, [Roles.Agent], "MDERM");
        People["X"] = await PersonAsync(portal, CommerceClerkName, [Roles.Agent], "MCIC");
        People["supervisor"] = await PersonAsync(portal, "Superviseur Énergie", [Roles.Supervisor], "MDERM");
        People["commerce"] = await PersonAsync(portal, "Superviseur Commerce", [Roles.Supervisor], "MCIC");
        People["admin"] = await PersonAsync(portal, "Administrateur National", [Roles.Administrator]);
    }

    private static async Task<ApplicationUser> PersonAsync(PortalFactory portal, string name, string[] roles, string? ministry = null)
    {
        var user = await portal.CreateAsync(roles: roles, twoFactor: !roles.Contains(Roles.Citizen), ministryCode: ministry);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        stored.FullName = name;
        await users.UpdateAsync(stored);
        return stored;
    }

    private readonly List<(DateTimeOffset At, string Request, string Slug, string Kind, string? Clerk)> _plan = [];

    private void Plan(DateTimeOffset now)
    {
        // Whole minutes, exactly (134.4 h is 8064 min; a double of hours is not exact).
        DateTimeOffset H(double hours) => now.AddMinutes(Math.Round(hours * 60));
        void Moves(string request, string slug, params (double Hours, string Kind, string? Clerk)[] moves)
        {
            foreach (var (hours, kind, clerk) in moves)
            {
                _plan.Add((H(hours), request, slug, kind, clerk));
            }
        }

        // Decided within the last 30 days (time with the administration, in whole days started, in brackets).
        Moves("d1", GoldPanning, (-240, "filed", null), (-216, "review", "A"), (-192, "approved", "A"));                                   // [2]
        Moves("d2", GoldPanning, (-288, "filed", null), (-287, "review", "A"), (-264, "correction", "A"), (-144, "corrected", null), (-48, "approved", "A")); // [10 − 5 waiting = 5]
        Moves("d3", GoldPanning, (-480, "filed", null), (-456, "review", "B"), (-120, "rejected", "B"));                                   // [15], late
        Moves("d4", GoldPanning, (-30, "filed", null), (-24, "review", "A"), (-2, "approved", "A"));                                       // [1 d 4 h → 2], today
        Moves("d5", GoldPanning, (-1080, "filed", null), (-1056, "review", "A"), (-960, "approved", "A"));                                 // 40 days ago: outside 30 days
        Moves("d6", GoldPanning, (-5, "filed", null), (-4.5, "review", "B"), (-4, "approved", "B"));                                       // [1 h → 1], today
        Moves("w1", GoldPanning, (-96, "filed", null), (-23, "withdrawn", null));                                                         // not a decision
        Moves("e1", Export, (-360, "filed", null), (-336, "review", "A"), (-71, "approved", "A"));                                         // [12 d 1 h → 13], late
        Moves("e2", Export, (-228, "filed", null), (-217, "review", "B"), (-22, "rejected", "B"));                                         // [8 d 14 h → 9]
        Moves("a1", SelfGeneration, (-46, "filed", null), (-36, "review", "A"), (-25, "approved", "A"));                                   // [21 h → 1]

        // Open now.
        Moves("o1", GoldPanning, (-1, "filed-fee", null));                                                                                // awaiting payment
        Moves("o2", GoldPanning, (-47, "filed-business", null));                                                                          // to take, 47/168 h = 28 %
        Moves("o3", GoldPanning, (-95, "filed", null), (-72, "taken", "A"));                                                              // taken, 95/168 = 57 %
        Moves("o4", GoldPanning, (-134.4, "filed", null), (-119, "review", "A"));                                                         // exactly 80 %
        Moves("o5", GoldPanning, (-215, "filed", null), (-191, "review", "B"));                                                           // 128 %: overdue
        Moves("o6", Export, (-193, "filed", null), (-168, "review", "A"), (-143, "correction", "A"));                                      // waiting, 50/240 = 21 %
        Moves("o7", Export, (-289, "filed", null), (-265, "review", "B"), (-118, "correction", "B"));                                      // waiting, 171/240 = 71 %, past its due date
        Moves("o8", Export, (-336, "filed", null), (-324, "review", "A"), (-312, "correction", "A"), (-216, "corrected", null));            // 336 − 96 waiting = 240/240 h: exactly 100 %, due now
        Moves("o9", Electrician, (-(29 * 24 + 10 + 32 / 60d), "filed", null));                                                             // filed at 00:00, 29 days ago: 98 %
        Moves("o10", SelfGeneration, (-73, "filed", null));                                                                                // no target
        Moves("o11", Electrician, (-744, "filed", null), (-720, "review", "B"));                                                          // 31 days: overdue, filed outside 30 days

        // Commerce: in the nation, never in the Energy ministry's room.
        Moves("x1", ImporterCard, (-24.5, "filed", null));
        Moves("x2", ImporterCard, (-72.5, "filed", null), (-48.5, "review", "X"), (-3, "approved", "X"));
    }

    private async Task ApplyAsync(PortalFactory portal, DateTimeOffset now)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var numbers = scope.ServiceProvider.GetRequiredService<TrackingNumbers>();
        var slugs = _plan.Select(p => p.Slug).Distinct().ToList();
        var versions = await db.ProcedureVersions.Where(v => v.IsCurrent && slugs.Contains(v.Procedure.Slug))
            .Select(v => new { v.Procedure.Slug, v.Id, v.Title }).ToDictionaryAsync(v => v.Slug);
        var targets = new Dictionary<string, int?>();
        foreach (var (slug, version) in versions)
        {
            Titles[slug] = version.Title;
            targets[slug] = await db.TargetDaysAsync(version.Id, default);
        }
        Assert.Equal((int?)7, targets[GoldPanning]);
        Assert.Equal((int?)10, targets[Export]);
        Assert.Equal((int?)30, targets[Electrician]);
        Assert.Null(targets[SelfGeneration]);

        var applicant = People["applicant"];
        var business = new Business(BusinessName, "SARL", "NIF-" + Guid.NewGuid().ToString("N")[..10], "RCCM-TEST", "Lomé", applicant.Id, now.AddDays(-60));
        db.Businesses.Add(business);
        await db.SaveChangesAsync();

        foreach (var (at, key, slug, kind, clerk) in _plan.OrderBy(p => p.At))
        {
            var clerkId = clerk is null ? null : People[clerk].Id;
            if (kind.StartsWith("filed", StringComparison.Ordinal))
            {
                var request = Request.StartDraft(versions[slug].Id, applicant.Id, kind == "filed-business" ? business.Id : null, at);
                request.SaveAnswers(new Dictionary<string, string?> { ["objet"] = Answer }, at);
                var number = await numbers.NextAsync();
                request.Submit(applicant.Id, feeDue: kind == "filed-fee", () => number, targets[slug], at);
                db.Requests.Add(request);
                Requests[key] = request;
            }
            else
            {
                Move(Requests[key], kind, clerkId, applicant.Id, targets[slug], at);
            }
            await db.SaveChangesAsync();
            Steps.Add(new Step(at, key, slug, kind.StartsWith("filed", StringComparison.Ordinal) ? "filed" : kind, clerk));
        }

        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        db.Payments.AddRange(
            Paid(Requests["d6"], 5_000, now.AddHours(-4.5)),             // today
            Paid(Requests["d1"], 5_000, now.AddDays(-8)),                // this month
            Paid(Requests["e1"], 1_234_500, monthStart),                 // the first second of this month
            Paid(Requests["o9"], 77_000, monthStart.AddSeconds(-1)),     // last month's last second
            Failed(Requests["o2"], 999_000, now.AddHours(-1)));          // never money
        await db.SaveChangesAsync();
    }

    private static void Move(Request request, string kind, string? clerkId, string applicantId, int? target, DateTimeOffset at)
    {
        switch (kind)
        {
            case "paid": request.ConfirmPayment("RC-TEST", target, at); break;
            case "taken": request.AssignTo(clerkId!, at); break;
            case "review": request.StartReview(clerkId!, at); break;
            case "correction": request.AskForCorrection(clerkId!, ["objet"], "La pièce est illisible.", at); break;
            case "corrected": request.Resubmit(applicantId, at); break;
            case "approved": request.Approve(clerkId!, null, at); break;
            case "rejected": request.Reject(clerkId!, "Dossier incomplet.", at); break;
            case "withdrawn": request.Withdraw(applicantId, null, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private Payment Paid(Request request, long amount, DateTimeOffset at)
    {
        var payment = Payment.Start(request.Id, People["applicant"].Id, PaymentMethod.TMoney, "sandbox", null, [new PaymentLine("Frais", 1, null, amount, amount)], at);
        payment.Registered($"SB-{Guid.NewGuid():N}", null, at);
        payment.Apply(new ProviderReport(ProviderOutcome.Paid, amount), at);
        return payment;
    }

    private Payment Failed(Request request, long amount, DateTimeOffset at)
    {
        var payment = Payment.Start(request.Id, People["applicant"].Id, PaymentMethod.TMoney, "sandbox", null, [new PaymentLine("Frais", 1, null, amount, amount)], at);
        payment.Apply(new ProviderReport(ProviderOutcome.Failed, Detail: "Solde insuffisant"), at);
        return payment;
    }
}
