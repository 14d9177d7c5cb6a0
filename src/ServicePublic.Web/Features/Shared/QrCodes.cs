using System.Text;
using QRCoder;

namespace ServicePublic.Web.Features.Shared;

/// <summary>QR codes as SVG data URIs: sharp when printed, allowed by the CSP (img-src data:), no extra request.</summary>
public static class QrCodes
{
    public static string SvgDataUri(string text)
    {
        using var qr = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(qr).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>A PNG, for PDFs.</summary>
    public static byte[] PngBytes(string text)
    {
        using var qr = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // In colour (RGBA): PdfPig reads those PNGs, not the 1-bit ones QRCoder writes by default.
        return new PngByteQRCode(qr).GetGraphic(4, [0, 0, 0, 255], [255, 255, 255, 255]);
    }
}
