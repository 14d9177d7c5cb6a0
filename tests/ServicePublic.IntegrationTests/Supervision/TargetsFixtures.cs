using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Domain.Supervision;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>One indicator to create: what, over which procedure (null: the ministry), its baseline and its target for every year.</summary>
internal sealed record IndicatorSpec(IndicatorKind Kind, string? Procedure, decimal Baseline, decimal Target);

/// <summary>
/// Requests with known times, moved through the domain (explicit instants as a fake clock would
/// give) and saved: the triggers fill the rollups as they do for real requests. And programmes
/// with indicators, created as a supervisor would leave them.
/// </summary>
internal sealed class TargetsFixtures(PortalFactory portal)
{
    private ApplicationUser? _applicant;
    private ApplicationUser? _clerk;

    /// <summary>
    /// Filed (clock started) at <paramref name="filed"/> with a target of <paramref name="targetDays"/>,
    /// taken an hour later, approved or rejected at <paramref name="decided"/>; with
    /// <paramref name="waited"/>, the applicant was asked a correction a day after filing and sent it that long after.
    /// </summary>
    public Task DecidedAsync(string slug, DateTimeOffset filed, DateTimeOffset decided, int? targetDays, bool approved = true, TimeSpan? waited = null) =>
        SaveAsync(slug, filed, targetDays, (request, applicant, clerk) =>
        {
            request.StartReview(clerk, filed.AddHours(1));
            if (waited is { } wait)
            {
                var asked = filed.AddDays(1);
                request.AskForCorrection(clerk, ["adresse"], "Pièce illisible", asked);
                request.Resubmit(applicant, asked + wait);
            }
            if (approved)
            {
                request.Approve(clerk, null, decided);
            }
            else
            {
                request.Reject(clerk, "Dossier incomplet", decided);
            }
        });

    /// <summary>Filed at <paramref name="filed"/> and left open, or withdrawn a day later.</summary>
    public Task FiledAsync(string slug, DateTimeOffset filed, bool withdrawn = false) =>
        SaveAsync(slug, filed, 10, (request, applicant, _) =>
        {
            if (withdrawn)
            {
                request.Withdraw(applicant, null, filed.AddDays(1));
            }
        });

    /// <summary>A draft, started and never filed: nobody's figure.</summary>
    public Task DraftAsync(string slug, DateTimeOffset at) => SaveAsync(slug, at, null, null);

    /// <summary>A programme of <paramref name="ministry"/> with these indicators, baseline of 2025, the same target every year from 2026 to 2028 and this one.</summary>
    public async Task<IReadOnlyList<Indicator>> ProgrammeAsync(string ministry, string code, params IndicatorSpec[] indicators)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ministryId = await db.Ministries.Where(m => m.Code == ministry).Select(m => m.Id).SingleAsync();
        var programme = new Programme(ministryId, code, $"Programme d'essai {code}");
        var years = IndicatorRules.TargetYears.Append(DateTime.UtcNow.Year).Distinct().ToList();
        foreach (var spec in indicators)
        {
            int? procedureId = spec.Procedure is null ? null : await db.Procedures.Where(p => p.Slug == spec.Procedure).Select(p => p.Id).SingleAsync();
            var indicator = new Indicator(spec.Kind, procedureId, 2025, null);
            indicator.Set(2025, spec.Baseline, years.ToDictionary(y => y, _ => spec.Target), "seed", DateTimeOffset.UtcNow);
            programme.Indicators.Add(indicator);
        }
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        return programme.Indicators;
    }

    /// <summary>A staff member (of <paramref name="ministryCode"/>), signed in with their authenticator; and their account.</summary>
    public async Task<(HttpClient Client, ApplicationUser User)> StaffAsync(string role, string? ministryCode = null)
    {
        var user = await portal.CreateAsync(roles: [role], twoFactor: true, ministryCode: ministryCode);
        var client = portal.NewVisitor();
        await client.SignInWithTotpAsync(portal, user);
        return (client, user);
    }

    /// <summary>The antiforgery token of a signed-in client (any page carries one, in the layout's sign-out form): for posts no page offers.</summary>
    public static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetPageAsync("/")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    /// <summary>Where a redirect leads, as a path and query (the authentication handlers write absolute addresses).</summary>
    public static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : "";

    private async Task SaveAsync(string slug, DateTimeOffset at, int? targetDays, Action<Request, string, string>? then)
    {
        _applicant ??= await portal.CreateAsync();
        _clerk ??= await portal.CreateAsync(roles: [Roles.Agent]);
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var version = await db.ProcedureVersions.Where(v => v.IsCurrent && v.Procedure.Slug == slug).Select(v => v.Id).SingleAsync();
        var request = Request.StartDraft(version, _applicant.Id, null, at);
        db.Requests.Add(request);
        if (then is not null)
        {
            var number = await scope.ServiceProvider.GetRequiredService<TrackingNumbers>().NextAsync();
            request.Submit(_applicant.Id, feeDue: false, () => number, targetDays, at);
            // Filed, then moved on: two changes, as the portal makes them (a row inserted already
            // withdrawn would be a thrown-away draft to the triggers).
            await db.SaveChangesAsync();
            then(request, _applicant.Id, _clerk.Id);
        }
        await db.SaveChangesAsync();
    }
}
