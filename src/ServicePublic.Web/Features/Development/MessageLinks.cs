using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace ServicePublic.Web.Features.Development;

/// <summary>
/// A message body as HTML: everything encoded, and only well-formed http(s) addresses turned
/// into links, so a body can never inject markup or a javascript: link.
/// </summary>
public static partial class MessageLinks
{
    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    public static IHtmlContent Linkify(string body, HtmlEncoder encoder)
    {
        var html = new StringBuilder(body.Length + 64);
        var position = 0;
        foreach (Match match in Url().Matches(body))
        {
            // "… https://x/y." ends the sentence, not the address.
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}');
            html.Append(encoder.Encode(body[position..match.Index]));
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                var encoded = encoder.Encode(url);
                html.Append("<a href=\"").Append(encoded).Append("\">").Append(encoded).Append("</a>");
            }
            else
            {
                html.Append(encoder.Encode(url));
            }
            position = match.Index + url.Length;
        }
        html.Append(encoder.Encode(body[position..]));
        return new HtmlString(html.ToString());
    }
}
