using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ServicePublic.TestSupport;

/// <summary>Posts a page's multipart form as a browser would: its hidden fields (antiforgery token), the answers given, and files.</summary>
public static class Multipart
{
    public sealed record Upload(string FieldName, string FileName, byte[] Content, string ContentType = "application/pdf");

    public static readonly byte[] SmallPdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();

    public static async Task<HttpResponseMessage> SubmitMultipartAsync(
        this HttpClient client, Html.Page page, string formSelector, IEnumerable<KeyValuePair<string, string>> values, IEnumerable<Upload>? files = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form {formSelector}.");
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var file in files ?? [])
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.FieldName, file.FileName);
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Response.RequestMessage!.RequestUri!.PathAndQuery;
        return await client.PostAsync(action, content);
    }
}
