namespace ServicePublic.Web.Infrastructure.Files;

/// <summary>What a file really is, from its first bytes — never from its name or the browser's claim.</summary>
public static class FileInspector
{
    private static readonly (string ContentType, string Extension, byte[] Magic)[] Accepted =
    [
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray()),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
    ];

    public sealed record Kind(string ContentType, string Extension);

    /// <summary>The file's kind when it is a PDF, PNG or JPEG; null otherwise (an .exe renamed .pdf included).</summary>
    public static Kind? Detect(ReadOnlySpan<byte> header)
    {
        foreach (var (contentType, extension, magic) in Accepted)
        {
            if (header.StartsWith(magic))
            {
                return new Kind(contentType, extension);
            }
        }
        return null;
    }

    /// <summary>A name safe to show and to send back in Content-Disposition: no path, no control characters, bounded length.</summary>
    public static string SafeName(string? fileName, Kind kind)
    {
        // Browsers on Windows may send "C:\\…\\name.pdf": cut at either separator, whatever this server's OS.
        var lastPart = (fileName ?? "").Split('/', '\\')[^1];
        var name = Path.GetFileNameWithoutExtension(lastPart);
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or '"' or ':' or '*' or '?' or '<' or '>' or '|'))]).Trim();
        if (name.Length == 0)
        {
            name = "document";
        }
        return (name.Length > 80 ? name[..80] : name) + kind.Extension;
    }
}
