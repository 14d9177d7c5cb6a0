using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ServicePublic.TestSupport;

namespace ServicePublic.Load;

/// <summary>What a person types into a draft's form, and the small real PDF they attach (the mixed load, the cluster's file store check).</summary>
public static class DraftAnswers
{
    /// <summary>
    /// Answers for every field the draft's form shows, as a person would type them from its labels
    /// and constraints (dates within bounds, numbers, lengths, a choice, "oui" to attestations), and
    /// the names of its file inputs; null when the page has no draft form.
    /// </summary>
    public static (List<KeyValuePair<string, string>> Answers, List<string> Files)? Fill(Html.Page draft)
    {
        if (draft.Document.QuerySelector<IHtmlFormElement>("form#draft") is not { } form)
        {
            return null;
        }
        var answers = new List<KeyValuePair<string, string>>();
        var files = new List<string>();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled") || name.StartsWith("remove-", StringComparison.Ordinal))
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement { Type: "file" }:
                    files.Add(name);
                    break;
                case IHtmlInputElement { Type: "hidden" or "submit" }:
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } choice:
                    // One choice per question: "oui" where offered, otherwise the first.
                    if (answered.Contains(name) && choice.Value != "oui")
                    {
                        break;
                    }
                    answers.RemoveAll(a => a.Key == name);
                    answers.Add(new(name, choice.Value));
                    answered.Add(name);
                    break;
                case IHtmlInputElement input:
                    answers.Add(new(name, TextFor(input.Type, input.GetAttribute("inputmode"), input.GetAttribute("min"), input.GetAttribute("max"), input.GetAttribute("minlength"), input.GetAttribute("maxlength"))));
                    break;
                case IHtmlSelectElement select:
                    answers.Add(new(name, select.Options.Select(o => o.Value).FirstOrDefault(v => v.Length > 0) ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    answers.Add(new(name, TextFor("textarea", null, null, null, area.GetAttribute("minlength"), area.GetAttribute("maxlength"))));
                    break;
            }
        }
        return (answers, files);
    }

    private static string TextFor(string type, string? inputMode, string? min, string? max, string? minLength, string? maxLength)
    {
        var text = (type, inputMode) switch
        {
            ("date", _) => min ?? max ?? DateTime.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ("email", _) => "afi.banc@example.tg",
            ("tel", _) => "90 12 34 56",
            (_, "decimal") => "1500000",
            (_, "numeric") => "1000123456",
            ("textarea", _) => "Pièces détachées automobiles, pneumatiques et lubrifiants, importés par conteneur.",
            _ => "Commerce général",
        };
        if (int.TryParse(minLength, CultureInfo.InvariantCulture, out var least) && text.Length < least)
        {
            text = text.PadRight(least, '.');
        }
        return int.TryParse(maxLength, CultureInfo.InvariantCulture, out var most) && text.Length > most ? text[..most] : text;
    }

    /// <summary>A real one-page PDF (header, catalogue, page, text, cross-reference table), about 600 bytes.</summary>
    public static byte[] SmallPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length 58 >>\nstream\nBT /F1 18 Tf 72 770 Td (Piece justificative - banc) Tj ET\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
