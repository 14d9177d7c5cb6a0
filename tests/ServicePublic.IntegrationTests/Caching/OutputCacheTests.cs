using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Infrastructure.Caching;

namespace ServicePublic.IntegrationTests.Caching;

/// <summary>
/// The portal's output cache keeps anonymous visitors' public pages, per language, never a signed-in
/// visitor's, and every node forgets them when a procedure is published or suspended.
/// </summary>
public sealed class OutputCacheTests(CachedPortalFixture portal) : IClassFixture<CachedPortalFixture>
{
    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task LanguageSwitch_WorksWithoutJavaScriptOrCookies_AndTheCachedFrenchCopyIsNotServedInEnglish()
    {
        var url = PublicPages.Fresh("/demarches?q=passeport");
        var french = await Portal.NewVisitor().GetPageAsync(url);
        var visitor = Portal.NewVisitor();
        var page = await visitor.GetPageAsync(url);

        var switched = await visitor.SubmitFormAsync(page, "form.lang", submitName: "culture", submitValue: "en");
        var english = await visitor.GetPageAsync(switched.Headers.Location!.OriginalString);
        var stillFrench = await Portal.NewVisitor().GetPageAsync(url);

        Assert.Equal("fr", french.Document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.Response.Headers.Age); // the French copy came from the cache
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(url, switched.Headers.Location?.OriginalString);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Procedures", english.Document.QuerySelector("nav.main-nav")?.TextContent);
        Assert.NotEqual(french.Response.Headers.ETag, english.Response.Headers.ETag);
        Assert.Equal("fr", stillFrench.Document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [MemberData(nameof(PublicPages.All), MemberType = typeof(PublicPages))]
    public async Task CachedPage_NeverShowsASignedInVisitorsHeader_NorAnAnonymousCopyToThem(string page)
    {
        var url = PublicPages.Fresh(page);
        var business = $"Transports Essai {Guid.NewGuid():N}"[..30];
        var user = await Portal.CreateAsync();
        await Portal.WithDbAsync(async db =>
        {
            db.Businesses.Add(new Business(business, "SARL", Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(),
                "TG-LFW-01-2024-B12-00123", "Rue du Commerce, Lomé", user.Id, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var signedIn = Portal.NewVisitor();
        await signedIn.SignInAsync(user.Email!);

        var first = await signedIn.GetPageAsync(url);
        var anonymous = await Portal.NewVisitor().GetPageAsync(url);
        var cached = await Portal.NewVisitor().GetPageAsync(url);
        var again = await signedIn.GetPageAsync(url);

        Assert.Contains(business, first.Document.Body!.TextContent);
        foreach (var copy in new[] { anonymous, cached })
        {
            var html = copy.Document.DocumentElement.OuterHtml;
            Assert.DoesNotContain(business, html);
            Assert.DoesNotContain("Se déconnecter", html);
            Assert.Contains("Se connecter", copy.Document.QuerySelector("nav.main-nav")?.TextContent);
        }
        Assert.NotNull(cached.Response.Headers.Age);
        Assert.Null(again.Response.Headers.Age);
        Assert.Contains(business, again.Document.Body!.TextContent);
        Assert.Contains("Se déconnecter", again.Document.QuerySelector("nav.main-nav")?.TextContent);
    }

    [Fact]
    public async Task CachedPage_AnswersNotModified_ToItsETag()
    {
        var url = PublicPages.Fresh("/ministeres/MDERM");
        var first = await Portal.NewVisitor().GetAsync(url);

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var revalidated = await Portal.NewVisitor().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(first.Headers.ETag, revalidated.Headers.ETag);
    }

    [Fact]
    public async Task PublishingAProcedure_EvictsTheCataloguePages_OfAnotherNode()
    {
        const string slug = "carte-importateur";
        await using var other = await ListeningNodeAsync();
        var ministry = await Portal.WithDbAsync(db => db.Procedures.Where(p => p.Slug == slug).Select(p => p.Ministry.Code).SingleAsync());
        var catalogue = PublicPages.Fresh($"/demarches?ministere={ministry}");
        var procedure = PublicPages.Fresh($"/demarches/{slug}");
        var visitor = other.NewVisitor();
        Assert.Contains("Carte d'importateur", (await visitor.GetPageAsync(catalogue)).Texts(".cards .card h3"));
        Assert.Equal("Carte d'importateur", (await visitor.GetPageAsync(procedure)).Texts("h1").Single());

        // Behind the portal's back, no node hears of it: the other node keeps its copies.
        await ExecuteAsOwnerAsync($"UPDATE procedure_versions SET title = 'Titre changé en douce' WHERE is_current AND procedure_id = (SELECT id FROM procedures WHERE slug = '{slug}')");
        Assert.Equal("Carte d'importateur", (await visitor.GetPageAsync(procedure)).Texts("h1").Single());

        await Portal.WithDbAsync(async db =>
        {
            var loaded = await LoadAsync(db, slug);
            var current = loaded.CurrentVersion!;
            // A new version owns its documents, fees and form: copies, as an editor's import makes them.
            loaded.Publish(new ProcedureContent("Carte d'importateur et d'exportateur", current.Summary, current.Description, current.Audience,
                current.AudienceConditions, Copy(current.Conditions), Copy(current.Steps), Copy(current.Documents), Copy(current.Fees),
                Copy(current.ProcessingTime), current.Validity, current.LegalBasis, Copy(current.Form)), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        var published = await TestPayments.EventuallyAsync(() => visitor.GetPageAsync(procedure), p => p.Texts("h1").SingleOrDefault() != "Carte d'importateur", seconds: 3);
        var listed = await visitor.GetPageAsync(catalogue);
        Assert.Equal("Carte d'importateur et d'exportateur", published.Texts("h1").Single());
        Assert.Contains("Carte d'importateur et d'exportateur", listed.MainText);
        Assert.DoesNotContain("Titre changé en douce", listed.MainText);
    }

    [Fact]
    public async Task SuspendingAProcedure_EvictsItsPage_OnAnotherNode()
    {
        const string slug = "passeport-ordinaire";
        await using var other = await ListeningNodeAsync();
        var procedure = PublicPages.Fresh($"/demarches/{slug}");
        var visitor = other.NewVisitor();
        var before = await visitor.GetPageAsync(procedure);
        Assert.DoesNotContain("Démarche suspendue", before.MainText);
        Assert.NotNull((await visitor.GetAsync(procedure)).Headers.Age);

        await Portal.WithDbAsync(async db =>
        {
            (await LoadAsync(db, slug)).Suspend("Maintenance du système");
            return await db.SaveChangesAsync();
        });

        var after = await TestPayments.EventuallyAsync(() => visitor.GetPageAsync(procedure), p => p.MainText.Contains("Démarche suspendue"), seconds: 3);
        Assert.Contains("Maintenance du système", after.MainText);
    }

    /// <summary>
    /// Another node, once its listener has connected: connecting, it evicts every public page (it may
    /// have missed notifications), which would otherwise drop a copy the test has just made.
    /// </summary>
    private async Task<PortalFactory> ListeningNodeAsync()
    {
        var node = Portal.AnotherNode(CachedPortalFixture.Settings);
        var eviction = node.Services.GetRequiredService<PublicPageEviction>();
        await TestPayments.EventuallyAsync(() => Task.FromResult(eviction.Evictions), evictions => evictions > 0, seconds: 10);
        return node;
    }

    private static Task<Procedure> LoadAsync(Web.Data.AppDbContext db, string slug) =>
        db.Procedures.Include(p => p.Ministry).Include(p => p.Office).Include(p => p.Category).Include(p => p.Versions)
            .SingleAsync(p => p.Slug == slug);

    private static T Copy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;

    private async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
