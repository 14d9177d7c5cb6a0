using System.Globalization;
using System.Text;
using ServicePublic.Web.Domain.Documents;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace ServicePublic.Web.Features.Documents;

/// <summary>
/// The issued document as a one-page A4 PDF (PdfPig, Apache-2.0), in French as every official
/// document: the same facts as the printable page, its QR code and its verification code, in an
/// embedded font that has the French accents (see <see cref="Plain"/>).
/// </summary>
public static class DocumentPdf
{
    private const double Margin = 56;
    private const double Width = 595 - (2 * Margin);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static byte[] Build(IssuedDocument document, string trackingNumber, string verifyUrl, string verifierPage)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddTrueTypeFont(Font("DejaVuSans.ttf"));
        var bold = builder.AddTrueTypeFont(Font("DejaVuSans-Bold.ttf"));
        var page = builder.AddPage(PageSize.A4);
        var y = 842 - Margin;

        void Line(string text, double size, PdfDocumentBuilder.AddedFont font, double after = 4)
        {
            foreach (var part in Wrap(Plain(text), size))
            {
                y -= size;
                page.AddText(part, size, new PdfPoint(Margin, y), font);
                y -= after;
            }
        }

        page.AddPng(QrCodes.PngBytes(verifyUrl), new PdfRectangle(Margin + Width - 130, y - 130, Margin + Width, y));
        Line("République togolaise", 10, bold);
        Line(document.MinistryName, 10, regular);
        if (document.OfficeName is not null)
        {
            Line(document.OfficeName, 10, regular);
        }
        y = Math.Min(y, 842 - Margin - 150);
        Line(document.Kind, 20, bold, 8);
        Line($"N° {document.Number}", 12, bold, 16);

        Fact("Titulaire", document.HolderName);
        if (document.HolderReference is not null)
        {
            Fact("NIF", document.HolderReference);
        }
        Fact("Délivré le", document.IssuedAt.UtcDateTime.ToString("d MMMM yyyy", French));
        Fact("Valable jusqu'au", document.ValidUntil?.ToString("d MMMM yyyy", French) ?? "sans limite de durée");
        Fact("Demande", trackingNumber);
        if (document.Conditions.Count > 0)
        {
            y -= 10;
            Line("Conditions", 11, bold);
            foreach (var condition in document.Conditions)
            {
                Line("- " + condition, 10, regular, 3);
            }
        }

        y -= 24;
        Line($"Code de vérification : {IssuedDocument.FormatCode(document.VerificationCode)}", 12, bold);
        Line($"Vérifiez ce document en scannant son code QR, ou en saisissant ce code sur {verifierPage}", 9, regular);
        page.AddText(Plain("Délivré par ServicePublic, le portail des démarches administratives du Togo."), 8, new PdfPoint(Margin, Margin), regular);
        return builder.Build();

        void Fact(string label, string value) => Line($"{label} : {value}", 11, regular);
    }

    /// <summary>DejaVu Sans (free licence, see Resources/Fonts), embedded in the assembly.</summary>
    private static byte[] Font(string file)
    {
        using var stream = typeof(DocumentPdf).Assembly.GetManifestResourceStream($"ServicePublic.Web.Resources.Fonts.{file}")
            ?? throw new InvalidOperationException($"Font {file} is not embedded.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// Keeps French text as it is (accents, « », ’, –, œ: the embedded font has them); spaces of
    /// other widths become plain spaces and a symbol the font lacks becomes "?".
    /// </summary>
    public static string Plain(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            plain.Append(c switch
            {
                '\u00A0' or '\u202F' or '\u2009' => ' ',
                <= '\u017F' or '’' or '‘' or '“' or '”' or '–' or '—' or '…' or '€' => c,
                _ => '?',
            });
        }
        return plain.ToString();
    }

    /// <summary>Splits on spaces to fit the text width, estimating DejaVu Sans's average glyph at a little over half its size.</summary>
    private static IEnumerable<string> Wrap(string text, double size)
    {
        var perLine = Math.Max(20, (int)(Width / (size * 0.56)));
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine)
            {
                yield return line.ToString();
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        yield return line.ToString();
    }
}
