using System.Net;
using Microsoft.EntityFrameworkCore;
using ServicePublic.IntegrationTests.Supervision;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.IntegrationTests.Security;

/// <summary>
/// Generated from the portal's route table: every route that names something by its template
/// (a tracking number, a receipt, a document, a business, a message…) is tried with someone
/// else's real values by every kind of signed-in stranger. Each answers 404, or the sign-in or
/// access-denied redirect of an area closed to that kind of user; shows nothing of the owner's;
/// and a post, antiforgery token included, changes no row. A route added later is tried too; if
/// it names something new, the test asks for the owner's value rather than skipping it.
/// </summary>
public sealed class StrangerRoutesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => portal.Factory;

    private IReadOnlyDictionary<string, string>? _rows;

    private sealed record Visitor(string Who, HttpClient Client, string Token);

    [Fact]
    public async Task EveryRouteNamingSomeoneElsesData_Answers404AndChangesNothing_ForEveryKindOfStranger()
    {
        var owners = await OwnersData.BuildAsync(Portal);
        var routes = RouteTable.All(Portal);
        var tried = routes.Where(r => !RouteTable.PublicByDesign.ContainsKey(r.Template)).ToList();
        var failures = new List<string>();

        failures.AddRange(RouteTable.PublicByDesign.Keys.Where(t => routes.All(r => r.Template != t)).Select(t => $"listed as public but no such route: /{t}"));
        failures.AddRange(tried.Where(r => owners.Cases.All(c => r.Fill(c.Values) is null)).Select(r =>
            $"{r}: no owner's value for {string.Join(", ", r.Keys.Where(k => owners.Cases.All(c => !c.Values.ContainsKey(k))))}; add one to {nameof(OwnersData)}"));
        failures.AddRange(await UnreachedByTheEntitledAsync(owners, tried));

        var strangers = await StrangersAsync();
        foreach (var route in tried)
        {
            // Cases that give a route the same address are tried once.
            foreach (var (url, ownersCase) in owners.Cases.Select(c => (Url: route.Fill(c.Values), Case: c)).Where(c => c.Url is not null).DistinctBy(c => c.Url))
            {
                foreach (var stranger in strangers)
                {
                    failures.AddRange(await TryAsync(route, url!, stranger, owners, $"{route} as {stranger.Who}, on {ownersCase.Name} ({url})"));
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} route(s) answered a stranger otherwise than 404:\n" + string.Join("\n", failures));
    }

    private async Task<IEnumerable<string>> TryAsync(PortalRoute route, string url, Visitor stranger, OwnersData owners, string attempt)
    {
        var failures = new List<string>();
        // Rows change only if an attempt changes them: what the last one left is this one's "before".
        var before = route.Method == "POST" ? _rows ??= await OwnedRows.TakeAsync(Portal, owners.Owner.Id) : null;
        var response = route.Method == "POST"
            ? await stranger.Client.PostAsync(url, new FormUrlEncodedContent(Posted(stranger.Token)))
            : await stranger.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!Refused(response))
        {
            failures.Add($"{attempt}: {(int)response.StatusCode} {TargetsFixtures.Where(response)}");
        }
        if (owners.Secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)).ToList() is { Count: > 0 } shown)
        {
            failures.Add($"{attempt}: shows {string.Join(", ", shown)}");
        }
        if (before is not null)
        {
            _rows = await OwnedRows.TakeAsync(Portal, owners.Owner.Id);
            if (OwnedRows.Changed(before, _rows).ToList() is { Count: > 0 } changed)
            {
                failures.Add($"{attempt}: changed {string.Join(", ", changed)}");
            }
        }
        return failures;
    }

    /// <summary>404, or the way to signing in or to "access denied" of an area closed to this kind of user.</summary>
    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect
            && TargetsFixtures.Where(response) is var to
            && (to.StartsWith("/compte/connexion?", StringComparison.Ordinal) || to.StartsWith("/compte/acces-refuse?", StringComparison.Ordinal)));

    /// <summary>What a form of any of these routes could carry: the stranger's own antiforgery token and plausible answers.</summary>
    private static Dictionary<string, string> Posted(string token) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["body"] = "Bonjour", ["reason"] = "Par erreur", ["motif"] = "Pièce illisible", ["texte"] = "Bonjour",
        ["decision"] = "approuver", ["moyen"] = "tmoney", ["telephone"] = "90 12 34 56", ["action"] = "submit",
    };

    /// <summary>
    /// The values are real: each GET answers 200 to someone entitled (the owner, the invitee, an
    /// administrator) for one of the owner's cases, so a stranger's 404 is a refusal, not a typo.
    /// </summary>
    private async Task<IEnumerable<string>> UnreachedByTheEntitledAsync(OwnersData owners, IReadOnlyList<PortalRoute> tried)
    {
        var owner = Portal.NewVisitor();
        await owner.SignInAsync(owners.Owner.Email!);
        var invitee = Portal.NewVisitor();
        await invitee.SignInAsync(owners.Invitee.Email!);
        var administrator = await StaffAsync(Roles.Administrator, "MCIC", office: null);
        var unreached = new List<string>();
        foreach (var route in tried.Where(r => r.Method == "GET"))
        {
            var reached = false;
            foreach (var url in owners.Cases.Select(c => route.Fill(c.Values)).OfType<string>())
            {
                foreach (var client in new[] { owner, invitee, administrator })
                {
                    reached = reached || (await client.GetAsync(url)).StatusCode == HttpStatusCode.OK;
                }
            }
            if (!reached)
            {
                unreached.Add($"{route}: nobody entitled gets a 200 with the owner's values, so a stranger's 404 proves nothing");
            }
        }
        return unreached;
    }

    /// <summary>Every kind of signed-in stranger to the owner's data, staff with their second factor (so the back office's own checks are what refuses them).</summary>
    private async Task<IReadOnlyList<Visitor>> StrangersAsync()
    {
        var citizen = await Portal.CreateAsync();
        var businessMember = await Portal.CreateAsync();
        await OwnersData.BusinessAsync(Portal, businessMember, "Autre Entreprise Kara");
        var visitors = new List<Visitor>
        {
            await VisitorAsync("a citizen", await CitizenAsync(citizen)),
            await VisitorAsync("a member of another business", await CitizenAsync(businessMember)),
            await VisitorAsync("a clerk of another ministry", await StaffAsync(Roles.Agent, "MJ", office: null)),
            await VisitorAsync("a clerk of another office of the ministry", await StaffAsync(Roles.Agent, "MCIC", office: "DCI")),
            await VisitorAsync("a supervisor of another ministry", await StaffAsync(Roles.Supervisor, "MJ", office: null)),
            await VisitorAsync("an editor of another ministry", await StaffAsync(Roles.Editor, "MJ", office: null)),
            await VisitorAsync("a publisher of another ministry", await StaffAsync(Roles.Publisher, "MJ", office: null)),
        };
        return visitors;
    }

    private async Task<HttpClient> CitizenAsync(ApplicationUser user)
    {
        var client = Portal.NewVisitor();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!)).StatusCode);
        return client;
    }

    private async Task<HttpClient> StaffAsync(string role, string ministry, string? office)
    {
        var user = await Portal.CreateAsync(roles: [role], twoFactor: true, ministryCode: ministry);
        if (office is not null)
        {
            await Portal.WithDbAsync(async db =>
            {
                var officeId = await db.Offices.Where(o => o.Code == office && db.Ministries.Any(m => m.Id == o.MinistryId && m.Code == ministry)).Select(o => o.Id).SingleAsync();
                return await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.OfficeId, officeId));
            });
        }
        var client = Portal.NewVisitor();
        await client.SignInWithTotpAsync(Portal, user);
        return client;
    }

    private static async Task<Visitor> VisitorAsync(string who, HttpClient client) => new(who, client, await TargetsFixtures.TokenAsync(client));
}
