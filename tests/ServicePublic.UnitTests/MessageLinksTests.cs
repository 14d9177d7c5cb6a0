using System.Text.Encodings.Web;
using ServicePublic.Web.Features.Development;

namespace ServicePublic.UnitTests;

public sealed class MessageLinksTests
{
    private static string Render(string body)
    {
        using var writer = new StringWriter();
        MessageLinks.Linkify(body, HtmlEncoder.Default).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void Linkify_LinksHttpAddresses_WithoutTheSentencesFullStop()
    {
        var html = Render("Ouvrez https://portail.tg/compte/confirmer?id=1&code=a%2Bb.");

        Assert.Equal(
            "Ouvrez <a href=\"https://portail.tg/compte/confirmer?id=1&amp;code=a%2Bb\">https://portail.tg/compte/confirmer?id=1&amp;code=a%2Bb</a>.",
            html);
    }

    [Fact]
    public void Linkify_EncodesMarkup_AndNeverLinksOtherSchemes()
    {
        var html = Render("<script>alert(1)</script> javascript:alert(2) <a href=\"http://x\">ici</a>");

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("href=\"javascript", html);
        Assert.Contains("&lt;script&gt;", html);
        // The quote ends the address: nothing escapes the href attribute.
        Assert.Contains("<a href=\"http://x\">http://x</a>&quot;&gt;ici", html);
    }

    [Fact]
    public void Linkify_LeavesABodyWithoutAddressesAsEncodedText()
    {
        Assert.Equal("Votre code : 123 456 &amp; rien d&#x27;autre", Render("Votre code : 123 456 & rien d'autre"));
    }
}
