using ServicePublic.Web.Features.Files;

namespace ServicePublic.Web.Setup;

internal static class Files
{
    public static void AddFiles(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FileStoreOptions>(builder.Configuration.GetSection(FileStoreOptions.Section));
        builder.Services.AddSingleton<IFileStore, LocalFileStore>();
        builder.Services.AddScoped<UploadInspector>();
    }
}
