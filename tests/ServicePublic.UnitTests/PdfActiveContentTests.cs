using System.IO.Compression;
using System.Text;
using ServicePublic.Web.Infrastructure.Files;
using static ServicePublic.Web.Infrastructure.Files.PdfActiveContent;

namespace ServicePublic.UnitTests;

/// <summary>PDFs that act when opened are told apart from those that only show, however the name is written.</summary>
public sealed class PdfActiveContentTests
{
    private static Verdict Of(string pdf) => Inspect(Encoding.Latin1.GetBytes(pdf));

    [Theory]
    [InlineData("1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj 2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj")]
    [InlineData("1 0 obj << /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj")]
    [InlineData("1 0 obj << /Type /Action /S /Launch /F (cmd.exe) >> endobj")]
    [InlineData("1 0 obj << /Type /EmbeddedFile /Length 3 >>\nstream\nabc\nendstream endobj")]
    [InlineData("1 0 obj << /Names << /EmbeddedFiles 2 0 R >> >> endobj")]
    public void AScriptALaunchOrAnEmbeddedFile_IsActive(string body)
    {
        Assert.Equal(Verdict.Active, Of("%PDF-1.7\n" + body + "\n%%EOF\n"));
    }

    [Fact]
    public void AScriptHiddenInACompressedObjectStream_IsActive()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write("2 0 << /S /JavaScript /JS (app.alert(1)) >>"u8);
        }
        var head = Encoding.Latin1.GetBytes($"%PDF-1.7\n5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n");
        var tail = "\nendstream\nendobj\n%%EOF\n"u8.ToArray();

        Assert.Equal(Verdict.Active, Inspect([.. head, .. compressed.ToArray(), .. tail]));
    }

    [Fact]
    public void AnOrdinaryScan_WithAnOpenActionToItsFirstPage_IsClean()
    {
        var pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >> endobj\n"
            + "4 0 obj << /Type /XObject /Subtype /Image /Filter /DCTDecode /Length 9 >>\nstream\n/JS /Launch\nendstream\nendobj\n%%EOF\n";

        Assert.Equal(Verdict.Clean, Of(pdf));
    }

    [Fact]
    public void AnEncryptedPdf_CannotBeVerified()
    {
        Assert.Equal(Verdict.Unverifiable, Of("%PDF-1.7\ntrailer << /Root 1 0 R /Encrypt 9 0 R >>\n%%EOF\n"));
    }
}
