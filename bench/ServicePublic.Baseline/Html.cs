using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ServicePublic.Baseline;

/// <summary>
/// Writing HTML by hand: text and attributes encoded as the portal's Razor views encode them
/// (letters of every script kept as they are), the portal's layout around each page, and the
/// portal's French formats (dates, groups of thousands, amounts in FCFA).
/// </summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly NumberFormatInfo Grouping = new() { NumberGroupSeparator = "\u00A0", NumberGroupSizes = [3], NumberDecimalDigits = 0 };

    /// <summary>Appends <paramref name="text"/> encoded for an element's content or an attribute's value.</summary>
    public static StringBuilder Text(this StringBuilder html, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            using var writer = new StringWriter(html, CultureInfo.InvariantCulture);
            Encoder.Encode(writer, text);
        }
        return html;
    }

    public static string Number(long value) => value.ToString("#,0", Grouping);

    public static string Xof(long amount) => Number(amount) + "\u00A0FCFA";

    public static string Date(DateTimeOffset value) => value.ToUniversalTime().ToString("d MMMM yyyy", French);

    public static string Date(DateOnly value) => value.ToString("d MMMM yyyy", French);

    public static string Month(DateOnly month, bool full) => month.ToString(full ? "MMMM yyyy" : "MMM yyyy", French);

    /// <summary>The portal's layout down to its main element: title, description, header and navigation.</summary>
    public static StringBuilder Begin(string title, string? description, Visitor visitor)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n    <meta charset=\"utf-8\">\n    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n    <title>")
            .Text(title).Append(" – ServicePublic</title>\n");
        if (description is not null)
        {
            html.Append("    <meta name=\"description\" content=\"").Text(description).Append("\">\n");
        }
        html.Append("""
                <link rel="stylesheet" href="/css/site.css">
                <link rel="icon" href="/favicon.ico">
            </head>
            <body>
                <a class="skip" href="#contenu">Aller au contenu</a>
                <header class="site-header">
                    <div class="wrap header-row">
                        <a class="brand" href="/">
                            <span class="brand-flag" aria-hidden="true"></span>
                            <span><strong>ServicePublic</strong><small>République togolaise</small></span>
                        </a>
                        <form class="lang" method="post" action="/langue">
                            <button type="submit" name="culture" value="en" lang="en">English</button>
                        </form>
                    </div>
                    <nav class="wrap main-nav" aria-label="Navigation principale">
                        <a href="/demarches">Démarches</a>
                        <a href="/demarches?public=particuliers">Particuliers</a>
                        <a href="/demarches?public=entreprises">Entreprises</a>
                        <a href="/ministeres">Ministères</a>

            """);
        if (visitor.UserId is null)
        {
            html.Append("""
                            <a href="/compte/connexion">Se connecter</a>
                            <a href="/compte/inscription">Créer un compte</a>

                """);
        }
        else
        {
            html.Append("""
                            <a href="/demandes">Mes demandes</a>
                            <a href="/compte">Mon compte</a>

                """);
            if (visitor.IsStaff)
            {
                html.Append("            <a href=\"/agent\">Espace agents</a>\n");
            }
            html.Append("""
                            <form class="inline" method="post" action="/compte/deconnexion">
                                <button type="submit" class="link">Se déconnecter</button>
                            </form>

                """);
        }
        html.Append("        </nav>\n    </header>\n    <main id=\"contenu\" class=\"wrap\">\n");
        return html;
    }

    public static string End(this StringBuilder html) => html.Append("""
            </main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>ServicePublic, le portail national des démarches administratives du Togo.</p>
                    <p><a href="/ministeres">Ministères</a> · <a href="/demarches">Toutes les démarches</a> · <a href="/suivi">Suivre une demande</a> · <a href="/statistiques">Statistiques</a></p>
                </div>
            </footer>
        </body>
        </html>

        """).ToString();
}

/// <summary>Who asks: nobody, or a signed-in user (and whether staff, for the navigation).</summary>
public sealed record Visitor(string? UserId, bool IsStaff)
{
    public static readonly Visitor Anonymous = new(null, false);
}
