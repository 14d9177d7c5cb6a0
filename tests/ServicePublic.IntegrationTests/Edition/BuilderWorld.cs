using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Features.Edition;

namespace ServicePublic.IntegrationTests.Edition;

/// <summary>Editors and publishers signed in through the real forms, and a procedure built through the builder's pages.</summary>
public sealed class BuilderWorld(PortalFactory portal)
{
    public const string Ministry = "MDERM";

    public async Task<(HttpClient Client, ApplicationUser User)> SignedInAsync(string[] roles, string? ministry = Ministry)
    {
        var user = await portal.CreateAsync(roles: roles, twoFactor: true, ministryCode: ministry);
        var client = portal.NewVisitor();
        await client.SignInWithTotpAsync(portal, user);
        return (client, user);
    }

    public Task<(HttpClient Client, ApplicationUser User)> EditorAsync(string? ministry = Ministry) => SignedInAsync([Roles.Editor], ministry);

    public Task<(HttpClient Client, ApplicationUser User)> PublisherAsync(string? ministry = Ministry) => SignedInAsync([Roles.Publisher], ministry);

    /// <summary>A new procedure through "Nouvelle démarche": its slug.</summary>
    public static async Task<string> CreateAsync(HttpClient editor, string title, string category = "mines-carrieres")
    {
        var form = await editor.GetPageAsync(EditionPaths.New);
        var created = await editor.SubmitFormAsync(form, "form#new", new Dictionary<string, string> { ["Title"] = title, ["Category"] = category });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return created.Headers.Location!.OriginalString.Split('/').Last();
    }

    /// <summary>Saves one part's form with <paramref name="values"/> over what the page shows; the response (a redirect when saved).</summary>
    public static async Task<HttpResponseMessage> SaveAsync(HttpClient editor, string page, string form, Dictionary<string, string> values, string? submitName = null, string? submitValue = null) =>
        await editor.SubmitFormAsync(await editor.GetPageAsync(page), form, values, submitName, submitValue);

    /// <summary>Fills the sheet so that the procedure can be published (a target delay, texts).</summary>
    public static async Task SheetAsync(HttpClient editor, string slug, int days = 30) =>
        AssertSaved(await SaveAsync(editor, EditionPaths.Sheet(slug), "form#sheet", new()
        {
            ["Summary"] = "Autorisation d'essai.", ["Description"] = "Une démarche écrite dans l'atelier.", ["MaxDays"] = days.ToString(),
            ["DelayText"] = $"{days} jours", ["Online"] = "true",
        }));

    /// <summary>Adds a question; its key (the field's page it redirects to).</summary>
    public static async Task<string> AddFieldAsync(HttpClient editor, string slug, string type, string label)
    {
        var response = await SaveAsync(editor, EditionPaths.Form(slug), "form#add-field", new() { ["Type"] = type, ["Label"] = label }, "action", "ajouter");
        AssertSaved(response);
        return response.Headers.Location!.OriginalString.Split('/').Last();
    }

    public static async Task EditFieldAsync(HttpClient editor, string slug, string key, Dictionary<string, string> values) =>
        AssertSaved(await SaveAsync(editor, EditionPaths.Field(slug, key), "form#field", values));

    /// <summary>Saved: redirected; otherwise fails with what the page said.</summary>
    public static void AssertSaved(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = new Html.Page(response, Html.ParseAsync(response).GetAwaiter().GetResult());
            Assert.Fail($"Not saved: {(int)response.StatusCode} {response.RequestMessage?.RequestUri} {page.MainText}");
        }
    }

    public static async Task<HttpResponseMessage> PublishAsync(HttpClient publisher, string slug) =>
        await publisher.SubmitFormAsync(await publisher.GetPageAsync(EditionPaths.Publication(slug)), "form#publish", submitName: "action", submitValue: "publier");

    public async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
