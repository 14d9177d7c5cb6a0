using System.IO.Compression;
using System.Text;

namespace ServicePublic.Web.Infrastructure.Files;

/// <summary>
/// Looks for what makes a PDF act rather than show: scripts (/JavaScript, /JS), launching a
/// program (/Launch), files carried inside (/EmbeddedFile). An /OpenAction or /AA that runs a
/// script names /JS or /JavaScript, so it is caught there; one that only opens a page is harmless.
/// Names are read as PDF reads them (#xx escapes decoded), outside content and image streams (whose
/// bytes could spell a name by chance) but inside compressed object streams, where dictionaries
/// can hide. An encrypted PDF, or one whose object streams cannot be read within a budget, cannot
/// be checked and is refused as such.
/// </summary>
public static class PdfActiveContent
{
    public enum Verdict
    {
        Clean,
        Active,
        Unverifiable,
    }

    private static readonly HashSet<string> ActiveNames = new(StringComparer.Ordinal) { "JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles" };

    /// <summary>Object streams hold a few hundred objects: far less than this once inflated.</summary>
    private const int InflatedBudget = 32 * 1024 * 1024;

    private static readonly byte[] StreamKeyword = "stream"u8.ToArray();
    private static readonly byte[] EndStreamKeyword = "endstream"u8.ToArray();
    private static readonly byte[] EndObjKeyword = "endobj"u8.ToArray();

    public static Verdict Inspect(ReadOnlySpan<byte> pdf)
    {
        var budget = InflatedBudget;
        var objectStream = false;
        var i = 0;
        while (i < pdf.Length)
        {
            var b = pdf[i];
            if (b == '/')
            {
                var name = ReadName(pdf, ref i);
                if (ActiveNames.Contains(name))
                {
                    return Verdict.Active;
                }
                if (name == "Encrypt")
                {
                    return Verdict.Unverifiable;
                }
                objectStream |= name == "ObjStm";
                continue;
            }
            if (b == 's' && pdf[i..].StartsWith(StreamKeyword) && (i == 0 || pdf[i - 1] != 'd') && StreamBodyStart(pdf, i + StreamKeyword.Length) is { } start)
            {
                var end = pdf[start..].IndexOf(EndStreamKeyword);
                var bodyEnd = end < 0 ? pdf.Length : start + end;
                if (objectStream)
                {
                    var verdict = InspectObjectStream(pdf[start..bodyEnd], ref budget);
                    if (verdict != Verdict.Clean)
                    {
                        return verdict;
                    }
                }
                objectStream = false;
                i = end < 0 ? pdf.Length : bodyEnd + EndStreamKeyword.Length;
                continue;
            }
            if (b == 'e' && pdf[i..].StartsWith(EndObjKeyword))
            {
                objectStream = false;
            }
            i++;
        }
        return Verdict.Clean;
    }

    /// <summary>An object stream's objects, inflated when Flate-compressed (nearly always), read as plain PDF.</summary>
    private static Verdict InspectObjectStream(ReadOnlySpan<byte> body, ref int budget)
    {
        byte[] objects;
        try
        {
            using var inflating = new ZLibStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = inflating.Read(buffer)) > 0)
            {
                budget -= read;
                if (budget < 0)
                {
                    return Verdict.Unverifiable;
                }
                inflated.Write(buffer, 0, read);
            }
            objects = inflated.ToArray();
        }
        catch (InvalidDataException)
        {
            // Not Flate: stored as is.
            objects = body.ToArray();
        }
        // Object streams hold no streams, so the same reading is complete.
        return Inspect(objects);
    }

    /// <summary>After "stream", the end of line (CRLF or LF) the body starts after; null when "stream" is only part of a word.</summary>
    private static int? StreamBodyStart(ReadOnlySpan<byte> pdf, int i)
    {
        if (i < pdf.Length && pdf[i] == '\n')
        {
            return i + 1;
        }
        if (i + 1 < pdf.Length && pdf[i] == '\r' && pdf[i + 1] == '\n')
        {
            return i + 2;
        }
        return null;
    }

    /// <summary>The name after "/" with its #xx escapes decoded (/J#61vaScript is /JavaScript); moves past it.</summary>
    private static string ReadName(ReadOnlySpan<byte> pdf, ref int i)
    {
        var name = new StringBuilder();
        i++;
        while (i < pdf.Length && !IsDelimiterOrSpace(pdf[i]))
        {
            if (pdf[i] == '#' && i + 2 < pdf.Length && IsHex(pdf[i + 1]) && IsHex(pdf[i + 2]))
            {
                name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(pdf.Slice(i + 1, 2)), 16));
                i += 3;
                continue;
            }
            name.Append((char)pdf[i]);
            i++;
            if (name.Length > 127)
            {
                break;
            }
        }
        return name.ToString();
    }

    private static bool IsHex(byte b) => Uri.IsHexDigit((char)b);

    private static bool IsDelimiterOrSpace(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}'
        or (byte)'/' or (byte)'%' or 0 or 9 or 10 or 12 or 13 or 32;
}
