using System.Text;
using ServicePublic.Web.Infrastructure.Files;

namespace ServicePublic.UnitTests;

public sealed class FileInspectorTests
{
    [Theory]
    [InlineData("%PDF-1.7\n", "application/pdf")]
    [InlineData("\x89PNG\r\n\x1a\n", "image/png")]
    public void Detect_RecognisesAcceptedFiles_ByTheirFirstBytes(string header, string expected)
    {
        Assert.Equal(expected, FileInspector.Detect(Encoding.Latin1.GetBytes(header))?.ContentType);
    }

    [Fact]
    public void Detect_RecognisesJpeg()
    {
        Assert.Equal("image/jpeg", FileInspector.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0x00])?.ContentType);
    }

    [Theory]
    [InlineData("MZ\x90\x00\x03")] // a Windows executable, whatever its name says
    [InlineData("\x7f" + "ELF")]
    [InlineData("PK\x03\x04")] // a zip or an Office document
    [InlineData("<html><script>")]
    [InlineData("")]
    [InlineData(" %PDF-1.7")]
    public void Detect_RefusesEverythingElse(string header)
    {
        Assert.Null(FileInspector.Detect(Encoding.Latin1.GetBytes(header)));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("C:\\Users\\ama\\statuts.exe", "statuts.pdf")]
    [InlineData("statuts \"final\".pdf", "statuts final.pdf")]
    [InlineData(null, "document.pdf")]
    [InlineData("   ", "document.pdf")]
    public void SafeName_KeepsNoPathAndTheRealExtension(string? original, string expected)
    {
        Assert.Equal(expected, FileInspector.SafeName(original, new FileInspector.Kind("application/pdf", ".pdf")));
    }
}
