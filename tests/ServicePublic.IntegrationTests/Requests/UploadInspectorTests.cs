using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.Web.Infrastructure.Files;

namespace ServicePublic.IntegrationTests.Requests;

[Collection(PortalCollection.Name)]
public sealed class UploadInspectorTests(PortalFixture portal)
{
    private static FormFile Upload(byte[] content, string name) =>
        new(new MemoryStream(content), 0, content.Length, "file", name) { Headers = new HeaderDictionary(), ContentType = "application/pdf" };

    private async Task<(UploadInspector.Accepted? File, UploadInspector.Refusal? Error)> InspectAsync(byte[] content, string name)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UploadInspector>().InspectAndStoreAsync(Upload(content, name), CancellationToken.None);
    }

    [Fact]
    public async Task APdf_IsStored_WithItsHashAndASafeName()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

        var (file, error) = await InspectAsync(pdf, "../Statuts de la société.pdf");

        Assert.Null(error);
        Assert.Equal("application/pdf", file!.ContentType);
        Assert.Equal("Statuts de la société.pdf", file.FileName);
        Assert.Equal(pdf.Length, file.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), file.Sha256);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        await using var stored = await scope.ServiceProvider.GetRequiredService<IFileStore>().OpenAsync(file.StorageKey, CancellationToken.None);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(pdf, copy.ToArray());
    }

    [Fact]
    public async Task AnExecutableNamedPdf_IsRefused()
    {
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04 };

        var (file, error) = await InspectAsync(exe, "statuts.pdf");

        Assert.Null(file);
        Assert.StartsWith("Ce fichier n'est ni un PDF", error!.French);
    }

    [Fact]
    public async Task A30MegabytePhoto_IsRefused()
    {
        var photo = new byte[30 * 1024 * 1024];
        photo[0] = 0xFF;
        photo[1] = 0xD8;
        photo[2] = 0xFF;

        var (file, error) = await InspectAsync(photo, "photo.jpg");

        Assert.Null(file);
        Assert.StartsWith("Le fichier dépasse 10 Mo", error!.French);
    }

    [Fact]
    public async Task AnEmptyFile_IsRefused()
    {
        var (file, error) = await InspectAsync([], "vide.pdf");

        Assert.Null(file);
        Assert.Equal("Le fichier est vide ou absent.", error!.French);
    }
}
