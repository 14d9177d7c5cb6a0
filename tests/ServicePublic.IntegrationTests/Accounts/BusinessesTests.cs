using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Infrastructure.Auditing;
using ServicePublic.Web.Features.Accounts;

namespace ServicePublic.IntegrationTests.Accounts;

[Collection(PortalCollection.Name)]
public sealed class BusinessesTests(PortalFixture portal)
{
    private const string Refused = "Cette invitation n'est pas valable pour votre compte ou a expiré.";

    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task Create_ShowsTheMessageNextToNif_AndKeepsWhatWasTyped_WhenTheNifHasLetters()
    {
        var (client, _) = await SignedInAsync();
        var form = await client.GetPageAsync("/compte/entreprises/nouvelle");

        var response = await client.SubmitFormAsync(form, "form#new-business", BusinessFields("Agro Plus", nif: "12AB4567"));
        var page = new Html.Page(response, await Html.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("9 à 13 chiffres", page.Texts("[data-valmsg-for=Nif]").Single());
        Assert.Equal("12AB4567", Input(page, "Nif"));
        Assert.Equal("Agro Plus", Input(page, "Name"));
        Assert.Equal("SARL", page.Document.QuerySelector<IHtmlSelectElement>("select#LegalForm")?.Value);
        Assert.Equal("TG-LFW-01-2024-B12-00123", Input(page, "Rccm"));
        Assert.Equal("Boulevard du 13 janvier, Lomé", Input(page, "Address"));
        Assert.DoesNotContain(page.Texts("[data-valmsg-for=Name]"), t => t.Length > 0);
        Assert.Contains("Vous ne représentez encore aucune entreprise.", (await client.GetPageAsync("/compte/entreprises")).MainText);
    }

    [Fact]
    public async Task Create_ShowsAFrenchMessageNextToEachField_WhenNothingWasTyped()
    {
        var (client, _) = await SignedInAsync();
        var form = await client.GetPageAsync("/compte/entreprises/nouvelle");

        var response = await client.SubmitFormAsync(form, "form#new-business",
            new Dictionary<string, string> { ["Name"] = "", ["LegalForm"] = "", ["Nif"] = "", ["Rccm"] = "", ["Address"] = "" });
        var page = new Html.Page(response, await Html.ParseAsync(response));
        string Message(string field) => page.Texts($"[data-valmsg-for={field}]").Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Indiquez le nom de l'entreprise.", Message("Name"));
        Assert.Equal("Choisissez la forme juridique dans la liste.", Message("LegalForm"));
        Assert.Equal("Indiquez le numéro d'identification fiscale (NIF).", Message("Nif"));
        Assert.Equal("Indiquez le numéro RCCM.", Message("Rccm"));
        Assert.Equal("Indiquez l'adresse du siège.", Message("Address"));
        Assert.DoesNotContain("required", page.MainText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_ListsTheBusinessWithMeAsOwner()
    {
        var (client, _) = await SignedInAsync();

        var id = await CreateBusinessAsync(client, "Agro Plus Lomé", "1000123456");
        var list = await client.GetPageAsync("/compte/entreprises");

        var card = list.Texts("#businesses .card").Single();
        Assert.Contains("Agro Plus Lomé", card);
        Assert.Contains("SARL", card);
        Assert.Contains("NIF 1000123456", card);
        Assert.Contains("RCCM TG-LFW-01-2024-B12-00123", card);
        Assert.Contains("Propriétaire", card);
        Assert.NotNull(list.Document.QuerySelector($"#businesses a[href='/compte/entreprises/{id}']"));
        Assert.True(await AuditedAsync(AuditActions.BusinessCreated, id));
    }

    [Fact]
    public async Task Invitation_MakesTheInviteeARepresentative_WhenTheyAcceptWithThatEmail()
    {
        var (owner, _) = await SignedInAsync();
        var id = await CreateBusinessAsync(owner, "Import Export Kara", "2000123456");
        var invitee = await Portal.CreateAsync(TestAccounts.NewEmail("invite"));

        var invited = await InviteAsync(owner, id, invitee.Email!);
        var link = TestAccounts.LinkIn((await Portal.LatestMessageAsync(invitee.Email!))!);
        var client = Portal.NewVisitor();
        await client.SignInAsync(invitee.Email!);
        var page = await client.GetPageAsync(link);
        var accepted = await client.SubmitFormAsync(page, "form#accept");
        var members = await client.GetPageAsync($"/compte/entreprises/{id}");

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.StartsWith("/compte/entreprises/invitation?jeton=", link, StringComparison.Ordinal);
        Assert.Contains("Import Export Kara", page.MainText);
        Assert.Equal($"/compte/entreprises/{id}", accepted.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, members.Status);
        Assert.Contains(members.Texts("#members li"), row => row.Contains(invitee.Email!) && row.Contains("Représentant"));
        Assert.True(await AuditedAsync(AuditActions.BusinessMemberAdded, id));
        var token = link[(link.IndexOf('=') + 1)..];
        var stored = await StoredTokenHashAsync(id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored);
        Assert.NotEqual(token, stored);
    }

    [Fact]
    public async Task Invitation_IsRefusedWithoutNamingTheBusiness_ForAnotherAccountOrAnUnknownToken()
    {
        var (owner, _) = await SignedInAsync();
        var id = await CreateBusinessAsync(owner, "Société Secrète Atakpamé", "3000123456");
        var inviteeEmail = TestAccounts.NewEmail("invite");
        await InviteAsync(owner, id, inviteeEmail);
        var link = TestAccounts.LinkIn((await Portal.LatestMessageAsync(inviteeEmail))!);
        var (third, _) = await SignedInAsync();

        var page = await third.GetPageAsync(link);
        var accept = await PostAsync(third, link);
        var acceptPage = await Html.ParseAsync(accept);
        var unknown = await third.GetPageAsync("/compte/entreprises/invitation?jeton=inconnu");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.Status, accept.StatusCode, unknown.Status));
        Assert.Contains(Refused, page.MainText);
        Assert.DoesNotContain("Atakpamé", page.MainText);
        Assert.Null(page.Document.QuerySelector("form#accept"));
        Assert.Contains(Refused, acceptPage.QuerySelector("main")?.TextContent);
        Assert.Contains(Refused, unknown.MainText);
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/compte/entreprises/{id}")).StatusCode);
        Assert.DoesNotContain("Atakpamé", (await third.GetPageAsync("/compte/entreprises")).MainText);
    }

    [Fact]
    public async Task PendingInvitation_IsListedForTheInvitee_AndCanBeAcceptedFromThere()
    {
        var (owner, _) = await SignedInAsync();
        var id = await CreateBusinessAsync(owner, "Coopérative de Dapaong", "4000123456", legalForm: "Société coopérative");
        var (invitee, inviteeUser) = await SignedInAsync();
        await InviteAsync(owner, id, inviteeUser.Email!.ToUpperInvariant());

        var list = await invitee.GetPageAsync("/compte/entreprises");
        var href = list.Document.QuerySelector("#invitations a")?.GetAttribute("href");
        var page = await invitee.GetPageAsync(href!);
        var accepted = await invitee.SubmitFormAsync(page, "form#accept");
        var after = await invitee.GetPageAsync("/compte/entreprises");

        Assert.Contains("Coopérative de Dapaong", list.Texts("#invitations").Single());
        Assert.Equal($"/compte/entreprises/{id}", accepted.Headers.Location?.OriginalString);
        Assert.Null(after.Document.QuerySelector("#invitations"));
        Assert.Contains("Représentant", after.Texts("#businesses .card").Single());
    }

    [Fact]
    public async Task Invite_SaysSo_WhenTheAddressAlreadyRepresentsTheBusiness()
    {
        var (owner, ownerUser) = await SignedInAsync();
        var id = await CreateBusinessAsync(owner, "Boutique Sokodé", "5000123456");

        var response = await InviteAsync(owner, id, ownerUser.Email!);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cette personne représente déjà l'entreprise.", page.QuerySelector("form#invite [data-valmsg-for=Email]")?.TextContent.Trim());
        Assert.Equal(ownerUser.Email, page.QuerySelector<IHtmlInputElement>("form#invite input#Email")?.Value);
        Assert.Null(await StoredTokenHashAsync(id));
    }

    [Fact]
    public async Task Representative_CannotRemoveTheOwner()
    {
        var (owner, ownerUser, id) = await OwnerWithBusinessAsync("Transports Tsévié", "6000123456");
        var (representative, _) = await RepresentativeOfAsync(owner, id);

        var response = await PostAsync(representative, $"/compte/entreprises/{id}/membres/{ownerUser.Id}/retirer");
        var page = await Html.ParseAsync(response);
        var members = await owner.GetPageAsync($"/compte/entreprises/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Un propriétaire ne peut pas être retiré par un autre membre.", page.QuerySelector(".notice.error")?.TextContent);
        Assert.Contains(members.Texts("#members li"), row => row.Contains(ownerUser.Email!) && row.Contains("Propriétaire"));
        Assert.Null((await representative.GetPageAsync($"/compte/entreprises/{id}")).Document.QuerySelector("form.remove"));
    }

    [Fact]
    public async Task Owner_RemovesARepresentative()
    {
        var (owner, _, id) = await OwnerWithBusinessAsync("Pharmacie du Grand Marché", "7000123456");
        var (representative, representativeUser) = await RepresentativeOfAsync(owner, id);
        var page = await owner.GetPageAsync($"/compte/entreprises/{id}");

        var removed = await owner.SubmitFormAsync(page, "form.remove");
        var after = await owner.GetPageAsync($"/compte/entreprises/{id}");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(representativeUser.Email!, after.MainText);
        Assert.Contains("Le représentant a été retiré de l'entreprise.", after.MainText);
        Assert.Equal(HttpStatusCode.NotFound, (await representative.GetAsync($"/compte/entreprises/{id}")).StatusCode);
        Assert.True(await AuditedAsync(AuditActions.BusinessMemberRemoved, id));
    }

    [Fact]
    public async Task LastOwner_CannotLeave()
    {
        var (owner, _, id) = await OwnerWithBusinessAsync("Menuiserie Aného", "8000123456");
        var page = await owner.GetPageAsync($"/compte/entreprises/{id}");

        var response = await owner.SubmitFormAsync(page, "form#leave");
        var refused = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le dernier propriétaire ne peut pas quitter l'entreprise.", refused.QuerySelector(".notice.error")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/compte/entreprises/{id}")).StatusCode);
    }

    [Fact]
    public async Task AnotherUsersBusiness_AnswersNotFound_ForThePageAndEveryAction()
    {
        var (_, ownerUser, id) = await OwnerWithBusinessAsync("Carrière de Tabligbo", "9000123456");
        var (stranger, _) = await SignedInAsync();
        var target = TestAccounts.NewEmail("cible");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/compte/entreprises/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/compte/entreprises/999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(stranger, $"/compte/entreprises/{id}/invitations", new() { ["Email"] = target })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(stranger, $"/compte/entreprises/{id}/membres/{ownerUser.Id}/retirer")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(stranger, $"/compte/entreprises/{id}/quitter")).StatusCode);
        Assert.Null(await Portal.LatestMessageAsync(target));
    }

    [Fact]
    public async Task BusinessPages_AskToSignIn_ForAVisitor()
    {
        var response = await Portal.NewVisitor().GetAsync("/compte/entreprises");
        var location = response.Headers.Location!;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActingAs_ShowsMyBusinessSelected()
    {
        var (client, _, id) = await OwnerWithBusinessAsync("Négoce Kpalimé", "1100123456");

        await SwitchActingAsync(client, id);
        var page = await client.GetPageAsync("/compte/entreprises");

        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), SelectedActing(page));
    }

    [Fact]
    public async Task ActingAs_FallsBackToMyself_ForAnotherAccountsBusiness()
    {
        var (_, _, otherId) = await OwnerWithBusinessAsync("Entreprise d'autrui", "1200123456");
        var cookies = new CookieContainer();
        var client = CookieClient(cookies);
        var me = await Portal.CreateAsync();
        await client.SignInAsync(me.Email!);
        await CreateBusinessAsync(client, "Ma propre entreprise", "1300123456");

        await SwitchActingAsync(client, otherId);
        var switched = await client.GetPageAsync("/compte/entreprises");
        cookies.Add(Portal.Server.BaseAddress, new Cookie(ActingContext.CookieName, otherId.ToString(CultureInfo.InvariantCulture)));
        var forged = await client.GetPageAsync("/compte/entreprises");

        Assert.Equal("", SelectedActing(switched));
        Assert.Equal("", SelectedActing(forged));
        Assert.DoesNotContain("Entreprise d'autrui", forged.Document.QuerySelector("form.acting")?.TextContent);
    }

    [Fact]
    public async Task ActingAs_FallsBackToMyself_AfterLeavingTheBusiness()
    {
        var (owner, _, id) = await OwnerWithBusinessAsync("Quincaillerie Bassar", "1400123456");
        var cookies = new CookieContainer();
        var client = CookieClient(cookies);
        var me = await Portal.CreateAsync();
        await client.SignInAsync(me.Email!);
        await CreateBusinessAsync(client, "Mon atelier", "1500123456");
        await InviteAsync(owner, id, me.Email!);
        var invitation = await client.GetPageAsync(TestAccounts.LinkIn((await Portal.LatestMessageAsync(me.Email!))!));
        await client.SubmitFormAsync(invitation, "form#accept");
        await SwitchActingAsync(client, id);
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), SelectedActing(await client.GetPageAsync("/compte/entreprises")));

        var left = await client.SubmitFormAsync(await client.GetPageAsync($"/compte/entreprises/{id}"), "form#leave");
        var after = await client.GetPageAsync("/compte/entreprises");

        Assert.Equal("/compte/entreprises", left.Headers.Location?.OriginalString);
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), cookies.GetCookies(Portal.Server.BaseAddress)[ActingContext.CookieName]?.Value);
        Assert.Equal("", SelectedActing(after));
        Assert.DoesNotContain("Quincaillerie Bassar", after.Document.QuerySelector("form.acting")?.TextContent);
        Assert.True(await AuditedAsync(AuditActions.BusinessMemberRemoved, id));
    }

    private async Task<(HttpClient Client, ApplicationUser User)> SignedInAsync()
    {
        var user = await Portal.CreateAsync();
        var client = Portal.NewVisitor();
        var response = await client.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, user);
    }

    private async Task<(HttpClient Client, ApplicationUser User, int BusinessId)> OwnerWithBusinessAsync(string name, string nif)
    {
        var (client, user) = await SignedInAsync();
        return (client, user, await CreateBusinessAsync(client, name, nif));
    }

    /// <summary>A new account, invited by the owner and accepted through the emailed link.</summary>
    private async Task<(HttpClient Client, ApplicationUser User)> RepresentativeOfAsync(HttpClient owner, int businessId)
    {
        var (client, user) = await SignedInAsync();
        await InviteAsync(owner, businessId, user.Email!);
        var page = await client.GetPageAsync(TestAccounts.LinkIn((await Portal.LatestMessageAsync(user.Email!))!));
        var accepted = await client.SubmitFormAsync(page, "form#accept");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        return (client, user);
    }

    private static Dictionary<string, string> BusinessFields(string name, string nif, string legalForm = "SARL") => new()
    {
        ["Name"] = name,
        ["LegalForm"] = legalForm,
        ["Nif"] = nif,
        ["Rccm"] = "TG-LFW-01-2024-B12-00123",
        ["Address"] = "Boulevard du 13 janvier, Lomé",
    };

    private static async Task<int> CreateBusinessAsync(HttpClient client, string name, string nif, string legalForm = "SARL")
    {
        var form = await client.GetPageAsync("/compte/entreprises/nouvelle");
        var response = await client.SubmitFormAsync(form, "form#new-business", BusinessFields(name, nif, legalForm));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return int.Parse(location[(location.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> InviteAsync(HttpClient client, int businessId, string email)
    {
        var page = await client.GetPageAsync($"/compte/entreprises/{businessId}");
        return await client.SubmitFormAsync(page, "form#invite", new Dictionary<string, string> { ["Email"] = email });
    }

    private static async Task SwitchActingAsync(HttpClient client, int businessId)
    {
        var page = await client.GetPageAsync("/compte/entreprises");
        var response = await client.SubmitFormAsync(page, "form.acting", new Dictionary<string, string> { ["businessId"] = businessId.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Posts to any address with this client's antiforgery token, as a forged form would.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetPageAsync("/compte/entreprises/nouvelle");
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        fields ??= new();
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>A signed-in-capable client whose cookies the test can read and forge.</summary>
    private HttpClient CookieClient(CookieContainer cookies)
    {
        var client = Portal.CreateDefaultClient(new CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.Add(PortalFactory.ClientIpHeader, $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        return client;
    }

    /// <summary>The value of the header's "acting as" choice: "" for myself.</summary>
    private static string? SelectedActing(Html.Page page)
    {
        var select = page.Document.QuerySelector("form.acting select#acting-as");
        return select is null ? null : select.QuerySelector("option[selected]")?.GetAttribute("value") ?? "";
    }

    private static string? Input(Html.Page page, string id) => page.Document.QuerySelector<IHtmlInputElement>($"input#{id}")?.Value;

    private async Task<bool> AuditedAsync(string action, int businessId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var subject = businessId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AnyAsync(a => a.Action == action && a.SubjectId == subject);
    }

    private async Task<string?> StoredTokenHashAsync(int businessId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.BusinessInvitations.Where(i => i.BusinessId == businessId).Select(i => i.TokenHash).SingleOrDefaultAsync();
    }
}
