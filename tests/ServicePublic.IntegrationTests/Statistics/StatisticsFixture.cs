using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.IntegrationTests.Statistics;

/// <summary>
/// A portal on a database of its own, holding only the hand-computed fixture below, so the nation's
/// figures are the fixture's. Requests are moved through the domain with chosen timestamps and
/// saved, so PostgreSQL's triggers fill the rollups as in production. Dates are relative to the
/// current month (M0): the pages count the 12 full months before it (M-12 … M-1) and chart M0 too.
/// <para>
/// A request filed at 10:00 with a days with the administration and w days awaiting the applicant
/// is decided on day filed + a + w (at 08:00 or 09:00): a − 1 hours with the administration and
/// w − 1 hours of waiting make a and w whole days started; within a target t exactly when a ≤ t.
/// </para>
/// </summary>
public sealed class StatisticsFixture : IAsyncLifetime
{
    public const string GoldPanning = "carte-orpailleur";          // MDERM, office DGMG: 20 decisions counted
    public const string MiningResearch = "permis-recherche-miniere"; // MDERM, office DGMG: 19 decisions counted
    public const string ImporterCard = "carte-importateur";        // MCIC, office DCE: 3 decisions, no target
    public const string ApplicantName = "Kossiwa Zéphirine Adjovi-Tchalla";
    public const string Answer = "Réponse-témoin-7Q4Z";

    public enum Outcome
    {
        Approve,
        Reject,
        Withdraw,
        Open,
    }

    private ApplicationUser _applicant = null!;
    private ApplicationUser _clerk = null!;

    public PortalFactory Factory { get; private set; } = null!;

    /// <summary>The first day of the current month (Lomé = UTC) when the fixture was built.</summary>
    public DateOnly CurrentMonth { get; } = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);

    public List<string> TrackingNumbers { get; } = [];

    public DateOnly Month(int offset) => CurrentMonth.AddMonths(offset);

    public DateOnly Day(int monthOffset, int day) => Month(monthOffset).AddDays(day - 1);

    public HttpClient NewVisitor() => Factory.NewVisitor();

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(await TestDatabase.CreateAsync("sp_stats"));
        Factory.Start();
        _applicant = await Factory.CreateAsync();
        _clerk = await Factory.CreateAsync(roles: [Roles.Agent], ministryCode: "MDERM");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Users.Where(u => u.Id == _applicant.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FullName, ApplicantName));
        }

        // Carte d'orpailleur, target 10 days: 20 decisions in M-12 … M-1 (administration days
        // 1,1,2,2,3,3,3,4,5,5,6,7,8,9,10,12,15,20,25,30; waits 2,3,3,7,10; 3 rejected).
        (int Month, int Day, int Admin, int Wait, Outcome Outcome)[] goldPanning =
        [
            (-12, 10, 1, 0, Outcome.Approve), (-11, 10, 1, 0, Outcome.Approve), (-10, 10, 2, 0, Outcome.Approve),
            (-9, 10, 2, 2, Outcome.Approve), (-8, 10, 3, 0, Outcome.Approve), (-7, 10, 3, 3, Outcome.Approve),
            (-6, 10, 3, 0, Outcome.Reject), (-5, 10, 4, 0, Outcome.Approve), (-4, 10, 5, 3, Outcome.Approve),
            (-3, 10, 5, 0, Outcome.Approve), (-2, 10, 6, 0, Outcome.Approve),
            (-1, 1, 7, 7, Outcome.Approve), (-1, 1, 8, 0, Outcome.Reject), (-1, 2, 9, 0, Outcome.Approve), (-1, 2, 10, 10, Outcome.Approve),
            (-2, 20, 12, 0, Outcome.Approve), (-2, 20, 15, 0, Outcome.Approve), (-2, 20, 20, 0, Outcome.Reject),
            (-2, 20, 25, 0, Outcome.Approve), (-2, 20, 30, 0, Outcome.Approve),
            // Outside the counted months: the current month (charted), the month before the chart (nowhere).
            (0, 1, 2, 0, Outcome.Approve), (-13, 20, 1, 0, Outcome.Approve),
            // Filed but not decided: still open; withdrawn on day 25 of M-1.
            (0, 1, 0, 0, Outcome.Open), (-1, 20, 5, 0, Outcome.Withdraw),
        ];
        foreach (var (month, day, admin, wait, outcome) in goldPanning)
        {
            await FileAsync(GoldPanning, month, day, admin, wait, outcome, target: 10);
        }

        // Permis de recherche minière, target 7 days: 19 decisions, all after a correction, filed
        // on day 5 of M-6; the last one decided in M-5; rejected: the 1st, 6th, 11th and 16th.
        (int Admin, int Wait)[] miningResearch =
        [
            (4, 1), (4, 1), (4, 1), (4, 2), (4, 2), (6, 2), (6, 2), (6, 3), (6, 3), (6, 3),
            (8, 3), (8, 3), (8, 4), (8, 4), (8, 5), (11, 5), (11, 6), (11, 8), (40, 9),
        ];
        for (var i = 0; i < miningResearch.Length; i++)
        {
            await FileAsync(MiningResearch, -6, 5, miningResearch[i].Admin, miningResearch[i].Wait, i % 5 == 0 ? Outcome.Reject : Outcome.Approve, target: 7);
        }

        // Carte d'importateur, no target delay: 3 decisions, filed on day 1 of M-10.
        await FileAsync(ImporterCard, -10, 1, 2, 0, Outcome.Approve, target: null);
        await FileAsync(ImporterCard, -10, 1, 3, 0, Outcome.Reject, target: null);
        await FileAsync(ImporterCard, -10, 1, 16, 0, Outcome.Approve, target: null);

        // A draft never filed counts nowhere.
        await FileAsync(GoldPanning, -3, 3, 0, 0, Outcome.Open, target: 10, submit: false);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    private async Task FileAsync(string slug, int month, int day, int admin, int wait, Outcome outcome, int? target, bool submit = true)
    {
        var filed = new DateTimeOffset(Day(month, day).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var version = await db.ProcedureVersions.Where(v => v.IsCurrent && v.Procedure.Slug == slug).Select(v => v.Id).SingleAsync();
        var request = Request.StartDraft(version, _applicant.Id, null, filed.AddMinutes(-30));
        request.SaveAnswers(new Dictionary<string, string?> { ["nom"] = ApplicantName, ["observations"] = Answer }, filed.AddMinutes(-20));
        db.Requests.Add(request);
        if (!submit)
        {
            await db.SaveChangesAsync();
            return;
        }
        var number = await scope.ServiceProvider.GetRequiredService<TrackingNumbers>().NextAsync();
        TrackingNumbers.Add(number);
        request.Submit(_applicant.Id, feeDue: false, () => number, target, filed);
        // Filed in one save, moved on in another: the triggers see an insert, then an update.
        await db.SaveChangesAsync();

        request.StartReview(_clerk.Id, filed.AddHours(1));
        var decision = filed.AddDays(admin).AddHours(-1);
        if (wait > 0)
        {
            request.AskForCorrection(_clerk.Id, ["observations"], "Précisez vos observations.", filed.AddHours(2));
            var resubmitted = filed.AddHours(2).AddDays(wait).AddHours(-1);
            request.Resubmit(_applicant.Id, resubmitted);
            decision = resubmitted.AddDays(admin).AddHours(-3);
        }
        switch (outcome)
        {
            case Outcome.Approve:
                request.Approve(_clerk.Id, null, decision);
                break;
            case Outcome.Reject:
                request.Reject(_clerk.Id, "Pièces non conformes.", decision);
                break;
            case Outcome.Withdraw:
                request.Withdraw(_applicant.Id, "Plus nécessaire.", decision);
                break;
            case Outcome.Open:
                break;
        }
        await db.SaveChangesAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StatisticsCollection : ICollectionFixture<StatisticsFixture>
{
    public const string Name = "statistics";
}
