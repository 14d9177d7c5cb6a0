using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ServicePublic.TestSupport;

/// <summary>Reads pages as a visitor sees them, and submits their forms as a browser would (posted with their antiforgery token, or as a GET).</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document)
    {
        public HttpStatusCode Status => Response.StatusCode;

        /// <summary>The visible text of the page's main content, whitespace collapsed.</summary>
        public string MainText => Collapse(Document.QuerySelector("main")?.TextContent ?? Document.Body?.TextContent ?? "");

        public IReadOnlyList<string> Texts(string selector) =>
            [.. Document.QuerySelectorAll(selector).Select(e => Collapse(e.TextContent))];
    }

    public static async Task<Page> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return new Page(response, await ParseAsync(response));
    }

    /// <summary>Submits the form matched by <paramref name="formSelector"/> with its own fields (hidden ones included), overridden by <paramref name="values"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, Page page, string formSelector, IReadOnlyDictionary<string, string>? values = null, string? submitName = null, string? submitValue = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form {formSelector} on {page.Response.RequestMessage?.RequestUri}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Type != "submit"))
        {
            if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
            {
                continue;
            }
            fields.Add(new(input.Name!, input.Value));
        }
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name)))
        {
            fields.Add(new(select.Name!, select.Value ?? ""));
        }
        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(t => !string.IsNullOrEmpty(t.Name)))
        {
            fields.Add(new(area.Name!, area.Value));
        }
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        if (submitName is not null)
        {
            fields.Add(new(submitName, submitValue ?? ""));
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Response.RequestMessage!.RequestUri!.PathAndQuery;
        if (string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
        {
            // As a browser does: the fields become the query string, replacing the action's own.
            var query = await new FormUrlEncodedContent(fields).ReadAsStringAsync();
            return await client.GetAsync(action.Split('?')[0] + "?" + query);
        }
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Parser.ParseDocumentAsync(html);
    }

    public static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
